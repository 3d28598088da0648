using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>How the host is put together: checked options for every setting section, Npgsql logging through the host.</summary>
public sealed class HostSettingsTests(NpgsqlLoggingSilo silo) : IClassFixture<NpgsqlLoggingSilo>
{
    public static TheoryData<string> OptionsClasses()
    {
        var assemblies = new[] { "Witn.Storage", "Witn.Grains", "Witn.Api", "witn-silo" }.Select(Assembly.Load);
        return [.. assemblies.SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => t.AssemblyQualifiedName!)];
    }

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void every_options_class_is_bound_from_its_section_and_has_a_validator(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: true)!;

        var validators = silo.Services.GetServices(typeof(IValidateOptions<>).MakeGenericType(type));
        Assert.NotEmpty(validators);
        var section = type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;
        Assert.StartsWith("Witn:", section, StringComparison.Ordinal);
        var options = silo.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
        Assert.NotNull(options.GetType().GetProperty("Value")!.GetValue(options));
    }

    [Fact]
    public async Task npgsql_logs_through_the_hosts_loggers()
    {
        using var client = silo.Client();
        using var response = await client.GetAsync("/v1/keys", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();

        await Eventually.HoldsAsync(
            () => Task.FromResult(silo.Logs.Entries.Any(e => e.Category.StartsWith("Npgsql", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10), "an Npgsql log entry in the host's loggers");
    }
}
