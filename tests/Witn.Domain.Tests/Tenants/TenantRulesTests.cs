using Witn.Domain.Tenants;

namespace Witn.Domain.Tests.Tenants;

public sealed class TenantRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_new_tenant_gets_defaults_for_what_it_leaves_out()
    {
        var (tenant, errors) = TenantRules.Apply("acme", new TenantSpec("Acme Corp", null, null, null, null), null, Now);

        Assert.Empty(errors);
        Assert.Equal(new Tenant("acme", "Acme Corp", "UTC", false, null, null, TimeSpan.FromDays(35), Now, Now, false, TimeSpan.FromHours(1)), tenant);
    }

    [Fact]
    public void a_sandbox_tenant_starts_its_test_clock_at_clock_start()
    {
        var start = new DateTimeOffset(2026, 11, 2, 11, 0, 0, TimeSpan.FromHours(1));

        var (tenant, _) = TenantRules.Apply("lab", new TenantSpec("Lab", "Europe/Berlin", true, start, "7d"), null, Now);

        Assert.Equal(start.ToUniversalTime(), tenant!.ClockStart);
        Assert.Equal(start.ToUniversalTime(), tenant.ClockNow);
        Assert.Equal(start.ToUniversalTime(), tenant.Now(TimeProvider.System));
        Assert.Equal(TimeSpan.FromDays(7), tenant.BackfillLimit);
    }

    [Fact]
    public void an_update_keeps_what_it_does_not_mention_and_the_creation_time()
    {
        var (created, _) = TenantRules.Apply("acme", new TenantSpec("Acme", "America/New_York", false, null, "10d"), null, Now);

        var (updated, errors) = TenantRules.Apply("acme", new TenantSpec("Acme Corp", null, null, null, null), created, Now.AddHours(1));

        Assert.Empty(errors);
        Assert.Equal(created! with { Name = "Acme Corp", UpdatedAt = Now.AddHours(1) }, updated);
    }

    [Fact]
    public void every_error_is_reported_with_its_field_and_fix()
    {
        var (tenant, errors) = TenantRules.Apply("Bad Id", new TenantSpec(" ", "Mars/Olympus", false, Now, "-3d"), null, Now);

        Assert.Null(tenant);
        Assert.Equal(
            [
                ("id", "'Bad Id' is not a valid tenant id"),
                ("name", "name is required"),
                ("timezone", "unknown time zone 'Mars/Olympus'"),
                ("clock_start", "clock_start applies only to sandbox tenants"),
                ("backfill_limit", "'-3d' is not a positive duration"),
            ],
            errors.Select(e => (e.Path, e.Message)));
    }

    [Fact]
    public void a_sandbox_without_clock_start_is_refused()
    {
        var (_, errors) = TenantRules.Apply("lab", new TenantSpec("Lab", null, true, null, null), null, Now);

        Assert.Equal(("clock_start", "a sandbox tenant needs clock_start"), (errors.Single().Path, errors.Single().Message));
    }

    [Fact]
    public void sandbox_mode_and_clock_start_cannot_change_after_creation()
    {
        var (lab, _) = TenantRules.Apply("lab", new TenantSpec("Lab", null, true, Now, null), null, Now);

        var (_, errors) = TenantRules.Apply("lab", new TenantSpec(null, null, false, Now.AddDays(1), null), lab, Now);

        Assert.Equal(["sandbox", "clock_start"], errors.Select(e => e.Path));
    }

    [Fact]
    public void a_backfill_limit_over_the_maximum_is_refused()
    {
        var (_, errors) = TenantRules.Apply("acme", new TenantSpec("Acme", null, null, null, "401d"), null, Now);

        Assert.Equal("401d exceeds the maximum of 400d", errors.Single().Message);
    }

    [Fact]
    public void a_new_tenant_takes_its_invoicing_settings_from_the_spec()
    {
        var (tenant, errors) = TenantRules.Apply("acme", new TenantSpec("Acme", null, null, null, null, AutoFinalize: true, FinalizeGrace: "2d"), null, Now);

        Assert.Empty(errors);
        Assert.True(tenant!.AutoFinalize);
        Assert.Equal(TimeSpan.FromDays(2), tenant.FinalizeGrace);
    }

    [Fact]
    public void an_update_keeps_the_invoicing_settings_it_does_not_mention()
    {
        var (created, _) = TenantRules.Apply("acme", new TenantSpec("Acme", null, null, null, null, AutoFinalize: true, FinalizeGrace: "6h"), null, Now);

        var (renamed, _) = TenantRules.Apply("acme", new TenantSpec("Acme Corp", null, null, null, null), created, Now.AddHours(1));
        var (switchedOff, _) = TenantRules.Apply("acme", new TenantSpec(null, null, null, null, null, AutoFinalize: false), renamed, Now.AddHours(2));

        Assert.Equal((true, TimeSpan.FromHours(6)), (renamed!.AutoFinalize, renamed.FinalizeGrace));
        Assert.Equal((false, TimeSpan.FromHours(6)), (switchedOff!.AutoFinalize, switchedOff.FinalizeGrace));
    }

    [Theory]
    [InlineData("0s", 0)]
    [InlineData("90m", 5_400)]
    [InlineData("31d", 2_678_400)]
    [InlineData("744h", 2_678_400)]
    public void a_finalize_grace_from_zero_to_31_days_is_accepted(string grace, long seconds)
    {
        var (tenant, errors) = TenantRules.Apply("acme", new TenantSpec("Acme", null, null, null, null, FinalizeGrace: grace), null, Now);

        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromSeconds(seconds), tenant!.FinalizeGrace);
    }

    [Theory]
    [InlineData("-1h", "'-1h' is not a duration of zero or more", "write a whole number followed by s, m, h or d, e.g. 90s, 15m, 72h, 7d")]
    [InlineData("soon", "'soon' is not a duration of zero or more", "write a whole number followed by s, m, h or d, e.g. 90s, 15m, 72h, 7d")]
    [InlineData("40d", "40d exceeds the maximum of 31d", "use at most 31d")]
    [InlineData("745h", "745h exceeds the maximum of 31d", "use at most 31d")]
    public void a_finalize_grace_outside_zero_to_31_days_is_refused_with_its_field_and_fix(string grace, string message, string hint)
    {
        var (tenant, errors) = TenantRules.Apply("acme", new TenantSpec("Acme", null, null, null, null, FinalizeGrace: grace), null, Now);

        Assert.Null(tenant);
        Assert.Equal(("finalize_grace", message, hint), (errors.Single().Path, errors.Single().Message, errors.Single().Hint));
    }

    [Fact]
    public void a_real_tenant_uses_the_real_clock()
    {
        var (tenant, _) = TenantRules.Apply("acme", new TenantSpec("Acme", null, null, null, null), null, Now);
        Assert.Equal(Now.AddDays(3), tenant!.Now(new FixedTime(Now.AddDays(3))));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
