"""Rules on the terms: the coordinator's scope, the cost split, the groups, notice and validity, meetings,
copies, and the regional framework the pack's agreement builds on (:func:`pack_issues`)."""

from __future__ import annotations

from collections.abc import Iterator

from ... import swedish
from ...diagnostics import Issue
from ...model import (
    CentreFile,
    CostModel,
    GroupLevel,
)
from ...packs import PackConfig, PackRules
from .base import (
    _decimal,
    _full_months,
    _number,
    rule,
)

# ---- coordinator, economy, notice -----------------------------------------------------------


@rule
def coordinator_scope(model: CentreFile, pack_rules: PackRules) -> Iterator[Issue]:
    fte = model.coordinator.fte
    low, high = pack_rules.coordinator_fte_min, pack_rules.coordinator_fte_max
    if fte is None or (low is None and high is None):
        return
    if (low is None or fte >= low) and (high is None or fte <= high):
        return
    if low is not None and high is not None:
        span = f"{_decimal(low)}–{_decimal(high)} årsarbetare"
    elif low is not None:
        span = f"minst {_decimal(low)} årsarbetare"
    else:
        span = f"högst {_decimal(high)} årsarbetare"  # type: ignore[arg-type]
    yield Issue(
        ("coordinator", "fte"),
        "coordinator-fte",
        f"samordnaruppdraget är {_decimal(fte)} årsarbetare; regionens riktlinje rekommenderar {span} "
        "– ändra fte, eller låt värdet stå om parterna har kommit överens om en annan omfattning"
    )


@rule
def cost_shares(model: CentreFile, pack_rules: PackRules) -> Iterator[Issue]:
    economy = model.economy
    if economy is None:  # a pack that does not read it (check/centre.py asks for it otherwise)
        return
    if economy.cost_model == CostModel.egen_fordelning:
        if not economy.shares:
            yield Issue(
                ("economy", "shares"),
                "cost-shares",
                "cost_model är 'egen_fordelning' men inga andelar står under shares – "
                "lägg till en rad per part med party och percent",
            )
        else:
            total = sum(s.percent for s in economy.shares)
            if abs(total - 100) > 0.01:
                yield Issue(
                    ("economy", "shares"),
                    "cost-shares",
                    f"andelarna blir {_number(total)} % tillsammans – justera percent så att summan "
                    "blir 100 %",
                )
    elif economy.shares:
        yield Issue(
            ("economy", "shares"),
            "cost-unused",
            f"shares används bara när cost_model är 'egen_fordelning' (nu: '{economy.cost_model.value}') "
            "– ta bort shares eller ändra cost_model"
        )
    if economy.cost_model == CostModel.turordning:
        if not economy.rotation:
            yield Issue(
                ("economy", "rotation"),
                "cost-shares",
                "cost_model är 'turordning' men rotation är tom – lista verksamheternas id i den "
                f"ordning de bär kostnaden, t.ex. rotation: [{', '.join(s.id for s in model.services)}]",
            )
    elif economy.rotation:
        yield Issue(
            ("economy", "rotation"),
            "cost-unused",
            f"rotation används bara när cost_model är 'turordning' (nu: '{economy.cost_model.value}') "
            "– ta bort rotation eller ändra cost_model"
        )
    if pack_rules.cost_model and economy.cost_model.value != pack_rules.cost_model:
        yield Issue(
            ("economy", "cost_model"),
            "cost-model",
            f"regionens avtalstext fördelar kostnaderna som '{pack_rules.cost_model}', men här står "
            f"'{economy.cost_model.value}' – ändra cost_model, eller låt värdet stå om parterna har "
            "kommit överens om en annan fördelning"
        )


@rule
def joint_budget(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    budget = model.economy.joint_budget if model.economy is not None else None
    if budget is None or not budget.split:
        return
    total = sum(s.percent for s in budget.split)
    if abs(total - 100) > 0.01:
        yield Issue(
            ("economy", "joint_budget", "split"),
            "cost-shares",
            f"den gemensamma budgetens andelar blir {_number(total)} % tillsammans – justera percent så att "
            "summan blir 100 %, eller ta bort split om budgeten fördelas som kostnaderna i övrigt",
        )
    seen: dict[str, int] = {}
    for j, share in enumerate(budget.split):
        if share.party in seen:
            yield Issue(
                ("economy", "joint_budget", "split", j, "party"),
                "duplicate-member",
                f"'{share.party}' har redan en andel (split[{seen[share.party]}]) – slå ihop andelarna till en rad",
            )
        else:
            seen[share.party] = j


@rule
def duplicate_members(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    lists: list[tuple[tuple, list[str], str]] = []
    for path, group in model.group_entries():
        lists.append(((*path, "members"), group.members, "listan"))
    economy = model.economy
    if economy is not None:
        lists.append((("economy", "rotation"), list(economy.rotation), "turordningen"))
    for base, items, where in lists:
        seen: dict[str, int] = {}
        for j, item in enumerate(items):
            if item in seen:
                yield Issue(
                    (*base, j),
                    "duplicate-member",
                    f"'{item}' står redan tidigare i {where} (på plats {seen[item] + 1}) – ta bort "
                    "dubbletten",
                )
            else:
                seen[item] = j
    parties: dict[str, int] = {}
    for j, share in enumerate(economy.shares if economy is not None else []):
        if share.party in parties:
            yield Issue(
                ("economy", "shares", j, "party"),
                "duplicate-member",
                f"'{share.party}' har redan en andel (shares[{parties[share.party]}]) – slå ihop andelarna "
                "till en rad",
            )
        else:
            parties[share.party] = j


@rule
def group_members(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    for path, group in model.group_entries():
        if group.members or group.other_members:
            continue
        if model.level_of(group) == GroupLevel.familjecentral:
            advice = ("lista under members id för de verksamheter vars chefer ingår (t.ex. "
                      f"[{', '.join(s.id for s in model.services)}])")
        else:  # a group above the centre: people from the administrations, more than the centre's managers
            advice = ("lista under other_members de personer som ingår (name och title), och under members id "
                      "för de verksamheter vars chefer ingår, om några gör det")
        yield Issue((*path, "members"), "group-members", f"{group.name} har inga medlemmar – {advice}")


@rule
def group_chain(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    """reports_to leads upwards: a chain that comes back to where it began is a mistake."""
    by_id = {g.id: g for g in model.groups if g.id}
    if len(by_id) < sum(1 for g in model.groups if g.id):
        return  # an id twice (duplicate-id): which group is meant is not known
    reported: set[str | None] = set()  # a ring once, at its first group in the file
    for path, group in model.group_entries():
        if group.id in reported:
            continue
        seen = [group.id]
        above = by_id.get(group.reports_to) if group.reports_to and group.reports_to != group.id else None
        while above is not None and above.id not in seen:
            seen.append(above.id)
            above = by_id.get(above.reports_to) if above.reports_to else None
        if above is not None and above.id == group.id and len(seen) > 1:
            reported.update(seen)
            ring = " → ".join(str(i) for i in [*seen, group.id])
            yield Issue(
                (*path, "reports_to"),
                "reference",
                f"grupperna rapporterar till varandra i en ring ({ring}) – den översta gruppen har ingen "
                "reports_to; ta bort den där",
            )


@rule
def notice_and_validity(model: CentreFile, pack_rules: PackRules) -> Iterator[Issue]:
    agreement = model.agreement
    if agreement.extension is not None and agreement.valid_until is None:
        yield Issue(
            ("agreement", "extension"),
            "term-extension",
            "avtalet gäller tills vidare (ingen valid_until), och ett avtal utan slutdatum kan inte förlängas "
            "– skriv avtalets sista giltighetsdag under valid_until, eller ta bort extension",
            at_key=True,
        )
    if agreement.valid_from and agreement.valid_until and agreement.valid_until > agreement.valid_from:
        months = _full_months(agreement.valid_from, agreement.valid_until)
        if agreement.notice_months is not None and agreement.notice_months > months:
            yield Issue(
                ("agreement", "notice_months"),
                "notice",
                f"uppsägningstiden ({agreement.notice_months} månader) är längre än avtalets "
                f"giltighetstid ({months} månader, {agreement.valid_from.isoformat()}–"
                f"{agreement.valid_until.isoformat()}) – korta uppsägningstiden, eller ta bort "
                "valid_until om avtalet gäller tills vidare",
            )
    coordinator = model.coordinator
    if coordinator.start and coordinator.end and coordinator.end > coordinator.start:
        months = _full_months(coordinator.start, coordinator.end)
        if coordinator.notice_months > months:
            yield Issue(
                ("coordinator", "notice_months"),
                "notice",
                f"uppsägningstiden ({coordinator.notice_months} månader) är längre än samordnaruppdraget "
                f"({months} månader, {coordinator.start.isoformat()}–{coordinator.end.isoformat()}) – "
                "korta uppsägningstiden, eller ta bort end om uppdraget gäller tills vidare",
            )
    if agreement.notice_months == 0:
        yield Issue(
            ("agreement", "notice_months"),
            "notice-missing",
            "avtalet har ingen uppsägningstid (0 månader) – ange hur många månaders uppsägningstid "
            "som gäller, t.ex. 12"
        )
    for path, value, standard, what in (
        (("agreement", "notice_months"), agreement.notice_months, pack_rules.notice_months, "avtalet"),
        (("coordinator", "notice_months"), coordinator.notice_months, pack_rules.coordinator_notice_months,
         "samordnaravtalet"),
    ):
        if standard is not None and value is not None and value != standard and value != 0:
            yield Issue(
                path,
                "notice-standard",
                f"regionens text har {standard} månaders uppsägningstid för {what}, men här står "
                f"{value} – ändra notice_months till {standard}, eller låt värdet stå om parterna har "
                "kommit överens om en annan tid"
            )


@rule
def meetings(model: CentreFile, pack_rules: PackRules) -> Iterator[Issue]:
    # the recommendation is for the centre's own group, the managers closest to the staff (Jämtland's
    # riktlinje: "Styrgruppen rekommenderas mötas minst fyra gånger per år … tillsammans med
    # samordnaren"), not for a municipality-wide styrgrupp beside it (issue 12, point 3)
    minimum = pack_rules.steering_group_min_meetings
    group = model.centre_group
    if minimum and group and group.meetings_per_year is not None and group.meetings_per_year < minimum:
        yield Issue(
            (*model.centre_group_path, "meetings_per_year"),
            "meetings",
            f"{swedish.group_word(group.name, 'gruppen')} möts "
            f"{swedish.counted(group.meetings_per_year, 'gång', 'gånger', digits=True)} per år; regionens "
            f"riktlinje rekommenderar minst {minimum} – ändra meetings_per_year till {minimum} eller fler"
        )


@rule
def copies(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    wanted = model.agreement.copies
    if wanted is None:
        return
    signers = [p.signatory for p in model.principals if p.signatory is not None]
    signers += [s.manager for s in model.services if s.signs]
    if any(person.name is None for person in signers):
        return  # who signs is not known yet (not-filled says so)
    # a manager who signs for two services signs, and gets a copy, once
    people = {(person.name, person.title) for person in signers}
    if wanted < len(people):
        yield Issue(
            ("agreement", "copies"),
            "copies",
            f"avtalet upprättas i {wanted} exemplar, men {len(people)} personer skriver under och var och "
            f"en ska ha ett original – ändra copies till {len(people)}, eller ta bort copies"
        )


def pack_issues(model: CentreFile, pack: PackConfig) -> Iterator[Issue]:
    """Findings about what the centre's pack leaves for the region to fill in (issue 12, point 6).

    Not one of RULES: it needs the pack's configuration, not only its rules.
    """
    framework = pack.regional_agreement
    if framework is None or model.agreement.regional_agreement:
        return
    missing = [word for word, value in (("titel", framework.title), ("datum", framework.date)) if not value]
    if missing:
        yield Issue(
            ("agreement",),
            "regional-agreement",
            f"avtalet i mallpaketet '{pack.name}' utgår från {pack.region}s och kommunernas "
            f"överenskommelse, men paketet har inte dess {' och '.join(missing)} – regionen fyller i "
            "regional_agreement (title, date) i paketets pack.yaml, eller skriv överenskommelsens titel och "
            "datum under agreement.regional_agreement; till dess nämner avtalet den inte",
            at_key=True,
        )
