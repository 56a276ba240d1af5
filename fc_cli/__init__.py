"""fc: the governing documents of a Swedish family centre, from YAML to Word."""
