using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Witn.Abstractions.Settings;

/// <summary>
/// The one way options are registered: bound from a configuration section, checked by their validator when the
/// host starts (<c>ValidateOnStart</c>), so a bad setting stops the silo with one line that says what to fix
/// instead of failing later or being silently ignored.
/// </summary>
public static class CheckedOptions
{
    public static OptionsBuilder<TOptions> AddCheckedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class, new()
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>()
            .Configure<IServiceProvider>((options, provider) =>
            {
                if (provider.GetService<IConfiguration>()?.GetSection(section) is { } configuration)
                {
                    Bind(configuration, section, options);
                }
            })
            .ValidateOnStart();
    }

    /// <summary>
    /// Binds <paramref name="configuration"/> onto <paramref name="options"/>; a value that is not even of the
    /// property's type is reported like a validation failure, with the default as an example of a good value.
    /// </summary>
    private static void Bind<TOptions>(IConfigurationSection configuration, string section, TOptions options)
        where TOptions : class, new()
    {
        var defaults = new TOptions();
        var failures = new List<string>();
        foreach (var property in typeof(TOptions).GetProperties().Where(p => p.CanWrite))
        {
            if (configuration[property.Name] is not { } raw)
            {
                continue;
            }

            var converter = TypeDescriptor.GetConverter(property.PropertyType);
            try
            {
                converter.ConvertFromInvariantString(raw);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException || e.InnerException is FormatException or OverflowException)
            {
                var example = Convert.ToString(property.GetValue(defaults), CultureInfo.InvariantCulture);
                failures.Add($"{section}:{property.Name} is '{raw}', which is not {Kind(property.PropertyType)}; use a value such as {example}");
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), failures);
        }

        configuration.Bind(options);
    }

    private static string Kind(Type type) =>
        type == typeof(TimeSpan) ? "a duration (hh:mm:ss[.fff])"
        : type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) ? "a number"
        : $"a {type.Name}";
}
