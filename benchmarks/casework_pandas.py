"""The casework indicator set written plainly in pandas, for the benchmark's speed ratio
and as an independent cross-check of the engine's figures (default options)."""

from pathlib import Path

import numpy as np
import pandas as pd

Figure = tuple[float | None, float | None, float | None]  # numerator, denominator, value


def _read(folder: Path, name: str) -> pd.DataFrame:
    frame = pd.read_parquet(folder / f"{name}.parquet")
    for column in frame.columns:
        if (
            frame[column].dtype == object
            and len(frame)
            and hasattr(
                frame[column].dropna().iloc[0] if frame[column].notna().any() else None, "year"
            )
        ):
            frame[column] = pd.to_datetime(frame[column])
    return frame


def _pct(num: int, den: int) -> Figure:
    return (num, den, (2000 * num + den) // (2 * den) / 10 if den else None)


def _round(value: float) -> float | None:
    return None if pd.isna(value) else float(np.floor(value * 10 + 0.5) / 10)


def compute_all_pandas(folder: Path, *, start: str, end: str, as_at: str) -> dict[str, Figure]:
    start_, end_, day = pd.Timestamp(start), pd.Timestamp(end), pd.Timestamp(as_at)
    requests = _read(folder, "requests")
    assessment = _read(folder, "assessment")
    namedplan = _read(folder, "namedplan")
    activeplans = _read(folder, "activeplans")
    events = _read(folder, "events")
    referrals = _read(folder, "referrals")
    person = _read(folder, "person")
    out: dict[str, Figure] = {}

    # Issued plans: Y by outcome date; H and S by outcome date, else plan start.
    starts = namedplan.groupby("assessmenttableid")["startdate"].min()
    plans = assessment[assessment.assessmentoutcome.isin(["Y", "S", "H"])].copy()
    plans["issued"] = plans.assessmentoutcomedate
    other = plans.assessmentoutcome != "Y"
    plans.loc[other, "issued"] = plans.loc[other, "assessmentoutcomedate"].fillna(
        plans.loc[other, "assessmenttableid"].map(starts)
    )
    plans = plans.merge(
        requests[["requeststableid", "receiveddate"]], on="requeststableid", how="left"
    )
    plans = plans[(plans.issued >= start_) & (plans.issued <= end_)]
    valid = plans[
        (plans.assessmentoutcome == "Y")
        & plans.receiveddate.notna()
        & (plans.issued >= plans.receiveddate)
    ]
    days = (valid.issued - valid.receiveddate).dt.days
    excl = valid.week20 != 1
    out["ehcp_20w_incl"] = _pct(int((days <= 140).sum()), len(valid))
    out["ehcp_20w_excl"] = _pct(int((days[excl] <= 140).sum()), int(excl.sum()))
    out["ehcp_band_20_52"] = _pct(int(((days > 140) & (days <= 364)).sum()), len(valid))
    out["ehcp_band_over_52"] = _pct(int((days > 364).sum()), len(valid))
    out["days_to_issue_median"] = (None, len(valid), _round(days.median()))
    out["days_to_issue_mean"] = (None, len(valid), _round(days.mean()))
    out["days_to_issue_median_excl"] = (None, int(excl.sum()), _round(days[excl].median()))
    out["days_to_issue_mean_excl"] = (None, int(excl.sum()), _round(days[excl].mean()))

    received = requests[(requests.receiveddate >= start_) & (requests.receiveddate <= end_)]
    out["requests_received"] = (len(received), len(received), len(received))
    out["refusal_rate"] = _pct(int((received.requestoutcome == "N").sum()), len(received))
    decided = requests[
        requests.requestoutcome.isin(["Y", "N"])
        & (requests.requestoutcomedate >= start_)
        & (requests.requestoutcomedate <= end_)
        & requests.receiveddate.notna()
        & (requests.requestoutcomedate >= requests.receiveddate)
    ]
    decision_days = (decided.requestoutcomedate - decided.receiveddate).dt.days
    out["decisions_6w"] = _pct(int((decision_days <= 42).sum()), len(decided))
    refused = assessment[
        (assessment.assessmentoutcome == "N")
        & (assessment.assessmentoutcomedate >= start_)
        & (assessment.assessmentoutcomedate <= end_)
    ]
    refused = refused.merge(requests[["requeststableid", "receiveddate"]], on="requeststableid")
    refused = refused[
        refused.receiveddate.notna() & (refused.assessmentoutcomedate >= refused.receiveddate)
    ]
    refused_days = (refused.assessmentoutcomedate - refused.receiveddate).dt.days
    out["not_issue_16w"] = _pct(int((refused_days <= 112).sum()), len(refused))

    # Open assessments at the as-at date.
    status = (
        assessment.assign(
            decided=assessment.assessmentoutcomedate.where(
                assessment.assessmentoutcome.isin(["Y", "N"])
            ),
            closed=assessment.assessmentoutcome.isin(["W", "H", "S"]),
            undated=(assessment.assessmentoutcome == "Y") & assessment.assessmentoutcomedate.isna(),
        )
        .groupby("requeststableid")
        .agg(decided=("decided", "min"), closed=("closed", "any"), undated=("undated", "any"))
    )
    open_ = requests[requests.requestoutcome == "Y"].join(status, on="requeststableid")
    open_ = open_[
        ~(open_.receiveddate > day)
        & ~(open_.requestoutcomedate > day)
        & ~open_.closed.fillna(False).astype(bool)
        & ~(open_.decided <= day)
        & ~open_.undated.fillna(False).astype(bool)
        & open_.receiveddate.notna()
    ]
    waited = (day - open_.receiveddate).dt.days
    for weeks in (20, 30):
        n = int((waited > 7 * weeks).sum())
        out[f"open_over_{weeks}w"] = (n, len(open_), n)

    # Active plans and reviews.
    dates = assessment.merge(namedplan, on="assessmenttableid", how="left")
    dates["issue"] = dates.assessmentoutcomedate.where(dates.assessmentoutcome.isin(["Y", "S"]))
    per_request = dates.groupby("requeststableid").agg(
        issued=("issue", "min"), startdate=("startdate", "min"), ceasedate=("ceasedate", "max")
    )
    active = activeplans.join(per_request, on="requeststableid")
    active["plandate"] = active.issued.fillna(active.startdate)
    live = active[~(active.ceasedate <= day) & ~(active.plandate > day)].copy()
    out["active_plans"] = (len(live), len(live), len(live))
    last = live.lastreview.where(live.lastreview <= day)
    base = last.fillna(live.plandate)
    due = base + pd.DateOffset(months=12)
    overdue = int((day > due).sum())
    out["reviews_overdue"] = (overdue, int(due.notna().sum()), overdue)

    decision = activeplans.lastreview.fillna(
        activeplans.reviewdraft.where(activeplans.reviewoutcome == "A")
    )
    reviews = activeplans.assign(decision=decision)
    reviews = reviews[
        reviews.reviewmeeting.notna()
        & (reviews.decision >= start_)
        & (reviews.decision <= end_)
        & (reviews.decision >= reviews.reviewmeeting)
    ]
    review_days = (reviews.decision - reviews.reviewmeeting).dt.days
    out["review_decisions_4w"] = _pct(int((review_days <= 28).sum()), len(reviews))

    finals = events[events.event == "amended_plan_issued"]
    amend = activeplans[activeplans.reviewoutcome == "A"].merge(finals, on="requeststableid")
    amend = amend[amend.date >= amend.reviewmeeting]
    amend = amend.groupby("activeplanstableid").agg(
        final=("date", "min"),
        reviewmeeting=("reviewmeeting", "first"),
        reviewdraft=("reviewdraft", "first"),
    )
    amend = amend[
        (amend.final >= start_) & (amend.final <= end_) & ~(amend.reviewdraft < amend.reviewmeeting)
    ]
    on_time = ((amend.final - amend.reviewmeeting).dt.days <= 84) & (
        amend.reviewdraft.isna() | ((amend.final - amend.reviewdraft).dt.days <= 56)
    )
    out["amended_12w"] = _pct(int(on_time.sum()), len(amend))

    transfers = (
        activeplans[activeplans.phasetransferduedate.notna()]
        .merge(requests[["requeststableid", "persontableid"]], on="requeststableid", how="left")
        .merge(person[["persontableid", "birthmonth"]], on="persontableid", how="left")
    )
    due_date = transfers.phasetransferduedate
    age = due_date.dt.year - transfers.birthmonth.dt.year - (transfers.birthmonth.dt.month >= 9)
    feb = pd.to_datetime(due_date.dt.year.astype(str) + "-02-15")
    mar = pd.to_datetime(due_date.dt.year.astype(str) + "-03-31")
    is_deadline = ((due_date.dt.month == 2) & (due_date.dt.day == 15)) | (
        (due_date.dt.month == 3) & (due_date.dt.day == 31)
    )
    deadline = due_date.where(is_deadline, mar.where(age >= 16, feb))
    final = transfers.phasetransferfinaldate
    keep = (deadline >= start_) & (deadline <= end_) & ~(final.isna() & (deadline >= day))
    out["phase_transfer_on_time"] = _pct(int((final[keep] < deadline[keep]).sum()), int(keep.sum()))

    for service, group in referrals.groupby("service"):
        slug = service.lower()
        waiting = group[
            ~(group.referraldate > day)
            & ~(group.firstcontactdate <= day)
            & ~(group.dischargedate <= day)
            & group.referraldate.notna()
        ]
        wait_days = (day - waiting.referraldate).dt.days
        bands = {
            "0_18": wait_days <= 126,
            "18_52": (wait_days > 126) & (wait_days <= 364),
            "over_52": wait_days > 364,
        }
        for band, mask in bands.items():
            out[f"waiting_{slug}_{band}"] = (int(mask.sum()), len(waiting), int(mask.sum()))
        out[f"waiting_{slug}_median_weeks"] = (None, len(waiting), _round((wait_days / 7).median()))
        seen = group[
            (group.firstcontactdate >= start_)
            & (group.firstcontactdate <= end_)
            & group.referraldate.notna()
            & (group.firstcontactdate >= group.referraldate)
        ]
        standard = 7 * (13 if service.upper() == "ASD" else 18)
        seen_days = (seen.firstcontactdate - seen.referraldate).dt.days
        out[f"waiting_{slug}_seen_within_standard"] = _pct(
            int((seen_days <= standard).sum()), len(seen)
        )
    return out
