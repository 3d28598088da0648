using Witn.Domain.Common;

namespace Witn.Domain.Tenants;

/// <summary>
/// Turns a spec into a tenant (create or update), collecting every error. Sandbox mode and the clock start are
/// fixed at creation: changing them later would silently re-time events already accepted.
/// </summary>
public static class TenantRules
{
    public static readonly TimeSpan MaxBackfillLimit = TimeSpan.FromDays(400);

    public static readonly TimeSpan MaxFinalizeGrace = TimeSpan.FromDays(31);

    public static (Tenant? Tenant, IReadOnlyList<TenantError> Errors) Apply(string id, TenantSpec spec, Tenant? existing, DateTimeOffset now)
    {
        var errors = new List<TenantError>();
        if (!TenantIds.IsValid(id))
        {
            errors.Add(new TenantError("id", $"'{id}' is not a valid tenant id", $"use {TenantIds.Rule}"));
        }

        var name = spec.Name?.Trim() ?? existing?.Name;
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new TenantError("name", "name is required", "give the customer's display name, e.g. \"Acme Corp\""));
        }
        else if (name.Length > Common.FieldLimits.MaxNameLength)
        {
            errors.Add(new TenantError("name", $"name is {name.Length} characters long; the limit is {Common.FieldLimits.MaxNameLength}", "shorten the name"));
        }

        // A name given now must be in the tz database; one kept from before loads as it did (TimeZones.GetStored).
        var timezone = spec.Timezone ?? existing?.TimeZone ?? "UTC";
        if (spec.Timezone is null ? !TimeZones.IsValidStored(timezone) : !TimeZones.IsValid(timezone))
        {
            errors.Add(new TenantError("timezone", $"unknown time zone '{timezone}'", TimeZones.Hint(timezone)));
        }

        // Once created, the tenant's mode and clock start are what they are; a request to change them is an error.
        var sandbox = existing?.Sandbox ?? spec.Sandbox ?? false;
        var clockStart = existing is null ? spec.ClockStart : existing.ClockStart;
        if (existing is not null && spec.Sandbox is { } s && s != existing.Sandbox)
        {
            errors.Add(new TenantError("sandbox", $"a tenant cannot switch sandbox mode after creation (it is {(existing.Sandbox ? "a sandbox" : "not a sandbox")})", "create a new tenant id for the other mode"));
        }

        if (existing is not null && spec.ClockStart is { } c && c != existing.ClockStart)
        {
            errors.Add(new TenantError("clock_start", "clock_start cannot change after creation", "leave clock_start out, or create a new sandbox tenant"));
        }

        if (sandbox && clockStart is null)
        {
            errors.Add(new TenantError("clock_start", "a sandbox tenant needs clock_start", "give the instant its test clock starts at, e.g. \"2026-11-02T10:00:00Z\""));
        }
        else if (existing is null && !sandbox && spec.ClockStart is not null)
        {
            errors.Add(new TenantError("clock_start", "clock_start applies only to sandbox tenants", "set \"sandbox\": true or leave clock_start out"));
        }
        else if (existing is null && spec.ClockStart is { } startAt && !Instants.InRange(startAt))
        {
            errors.Add(new TenantError("clock_start", Instants.OutOfRange("clock_start", Instants.Iso(startAt)), Instants.RangeHint));
        }

        var backfill = existing?.BackfillLimit ?? Tenant.DefaultBackfillLimit;
        if (spec.BackfillLimit is not null)
        {
            if (!Durations.TryParse(spec.BackfillLimit, out backfill) || backfill <= TimeSpan.Zero)
            {
                errors.Add(new TenantError("backfill_limit", $"'{spec.BackfillLimit}' is not a positive duration", Durations.Hint));
            }
            else if (backfill > MaxBackfillLimit)
            {
                errors.Add(new TenantError("backfill_limit", $"{spec.BackfillLimit} exceeds the maximum of {Durations.Format(MaxBackfillLimit)}", $"use at most {Durations.Format(MaxBackfillLimit)}"));
            }
        }

        var autoFinalize = spec.AutoFinalize ?? existing?.AutoFinalize ?? false;

        var grace = existing?.FinalizeGrace ?? Tenant.DefaultFinalizeGrace;
        if (spec.FinalizeGrace is not null)
        {
            if (!Durations.TryParse(spec.FinalizeGrace, out grace))
            {
                errors.Add(new TenantError("finalize_grace", $"'{spec.FinalizeGrace}' is not a duration of zero or more", Durations.Hint));
            }
            else if (grace > MaxFinalizeGrace)
            {
                errors.Add(new TenantError("finalize_grace", $"{spec.FinalizeGrace} exceeds the maximum of {Durations.Format(MaxFinalizeGrace)}", $"use at most {Durations.Format(MaxFinalizeGrace)}"));
            }
        }

        var disputes = DisputeTerms(spec, existing, errors);
        var stripe = Exports.BillingRules.Stripe(spec.Stripe, existing?.Stripe, errors);
        var lago = Exports.BillingRules.Lago(spec.Lago, existing?.Lago, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var start = sandbox ? clockStart!.Value.ToUniversalTime() : (DateTimeOffset?)null;
        return (new Tenant(
            id,
            name!,
            timezone,
            sandbox,
            start,
            sandbox ? existing?.ClockNow ?? start : null,
            backfill,
            existing?.CreatedAt ?? now,
            now,
            autoFinalize,
            grace,
            Tenant.OwnTerms(disputes),
            stripe,
            lago), errors);
    }

    /// <summary>The longest a dispute may wait for an acknowledgement or a resolution (a year: past it, the terms are a mistake).</summary>
    public static readonly TimeSpan MaxDisputeWithin = TimeSpan.FromDays(366);

    // Each dispute term given replaces the current one; the others stay. "none" (or "") clears the approval limit.
    private static Disputes.DisputeSettings DisputeTerms(TenantSpec spec, Tenant? existing, List<TenantError> errors)
    {
        var current = existing?.DisputeTerms ?? Disputes.DisputeSettings.Default;
        var ack = DisputeWithin("dispute_ack_within", spec.DisputeAckWithin, current.AckWithin, errors);
        var resolve = DisputeWithin("dispute_resolve_within", spec.DisputeResolveWithin, current.ResolveWithin, errors);
        var limit = current.ApprovalLimit;
        if (spec.DisputeApprovalLimit is { } text)
        {
            if (text is "" or "none")
            {
                limit = null;
            }
            else if (!Money.AmountText.TryParse(text, out var parsed) || parsed < 0m)
            {
                errors.Add(new TenantError("dispute_approval_limit", $"'{text}' is not an amount of zero or more",
                    $"{Money.AmountText.Hint} (a credit above it needs a second admin key), or \"none\" for no limit"));
            }
            else
            {
                limit = parsed;
            }
        }

        return new Disputes.DisputeSettings(ack, resolve, limit);
    }

    private static TimeSpan DisputeWithin(string field, string? text, TimeSpan current, List<TenantError> errors)
    {
        if (text is null)
        {
            return current;
        }

        if (!Durations.TryParse(text, out var within) || within <= TimeSpan.Zero)
        {
            errors.Add(new TenantError(field, $"'{text}' is not a positive duration", Durations.Hint));
            return current;
        }

        if (within > MaxDisputeWithin)
        {
            errors.Add(new TenantError(field, $"{text} exceeds the maximum of {Durations.Format(MaxDisputeWithin)}", $"use at most {Durations.Format(MaxDisputeWithin)}"));
            return current;
        }

        return within;
    }
}
