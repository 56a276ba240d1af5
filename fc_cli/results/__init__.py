"""The year's results behind the verksamhetsberättelse: the pack's self-reflection instrument, the
results files beside a centre file (`rapport-ÅÅÅÅ.yaml`, a survey CSV they name), and what the report
template sees of them. Format: templates/README.md, "Årets resultat".
"""
