using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Witn.Grains.Ingestion;
using Witn.Storage.Log;

namespace Witn.Grains.Tests.Ingestion;

/// <summary>The log writer's batching wait is read from <c>Witn:Log:FlushInterval</c> and checked with a message that says what to set.</summary>
public sealed class LogSettingsTests
{
    [Fact]
    public void without_a_setting_the_log_uses_the_default_wait() =>
        Assert.Equal(new EventLogOptions().FlushInterval, OptionsFor(null).FlushInterval);

    [Theory]
    [InlineData("00:00:00", 0)]
    [InlineData("00:00:00.002", 2)]
    public void a_configured_flush_interval_is_used(string setting, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), OptionsFor(setting).FlushInterval);

    [Theory]
    [InlineData("-00:00:00.001", "-00:00:00.0010000")]
    [InlineData("00:00:01", "00:00:01")]
    public void an_unusable_flush_interval_stops_startup_with_what_to_set(string setting, string found)
    {
        var error = Assert.Throws<OptionsValidationException>(() => OptionsFor(setting));
        Assert.Contains($"Witn:Log:FlushInterval is {found};", error.Message, StringComparison.Ordinal);
        Assert.Contains("00:00:00.002", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_flush_interval_that_is_no_duration_names_the_setting_the_value_and_an_example()
    {
        var error = Assert.Throws<OptionsValidationException>(() => OptionsFor("soon"));
        Assert.Equal("Witn:Log:FlushInterval is 'soon', which is not a duration (hh:mm:ss[.fff]); use a value such as 00:00:00.0010000", error.Message);
    }

    [Fact]
    public void options_given_in_code_win_over_configuration()
    {
        var given = new EventLogOptions { FlushInterval = TimeSpan.FromMilliseconds(5) };
        Assert.Same(given, OptionsFor("00:00:00.002", given));
    }

    private static EventLogOptions OptionsFor(string? setting, EventLogOptions? given = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(setting is null ? [] : [new KeyValuePair<string, string?>("Witn:Log:FlushInterval", setting)])
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddIngestion(given);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<EventLogOptions>>().Value;
    }
}
