using System.Collections;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Witn.Api;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Grains.Alerts;
using Witn.Grains.Replay;
using Witn.Grains.Contracts;
using Witn.Grains.Disputes;
using Witn.Grains.Ingestion;
using Witn.Grains.Invoices;
using Witn.Grains.Log;
using Witn.Grains.Outcomes;
using Witn.Grains.Quality;
using Witn.Silo.Cloud;
using Witn.Silo.Health;
using Witn.Silo.Options;
using Witn.Silo.Startup;
using Witn.Silo.Telemetry;
using Witn.Silo.Exports;
using Witn.Silo.Webhooks;
using Witn.Storage.Access;
using Witn.Storage.Postgres;

namespace Witn.Silo;

/// <summary>
/// The host: validates options, provides PostgreSQL (given or embedded), migrates, then runs the Orleans silo
/// and the HTTP facade in one process until Ctrl-C/SIGTERM, and finally stops the embedded PostgreSQL.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class SiloApp
{
    public const string AdoInvariant = "Npgsql";

    /// <summary>Runs the silo until SIGTERM or SIGINT; <paramref name="customize"/> is handed to <see cref="Build"/> (a test host adds its hooks).</summary>
    public static async Task<int> RunAsync(string[] args, IDictionary environment, TextWriter output, TextWriter error, Action<WebApplicationBuilder>? customize = null)
    {
        var settings = SiloCommandLine.Parse(args, environment, out var problem, out var help);
        if (help)
        {
            output.Write(SiloCommandLine.Usage);
            return 0;
        }

        if (settings is null)
        {
            error.WriteLine($"witn-silo: {problem}");
            return 2;
        }

        // Ctrl-C before the host runs (e.g. while PostgreSQL starts) must still stop what we started.
        using var startupCancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; startupCancel.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; startupCancel.Cancel(); });

        EmbeddedPostgres? embedded = null;
        try
        {
            DataFolder.Ensure(settings.DataDir);
            PortCheck.EnsureFree(settings.Bind, settings.HttpPort, "--http-port");
            PortCheck.EnsureFree(settings.Bind, settings.SiloPort, "--silo-port");
            PortCheck.EnsureFree(settings.Bind, settings.GatewayPort, "--gateway-port");

            var database = await DatabaseBootstrap.ConnectAsync(settings, output, startupCancel.Token);
            embedded = database.Embedded;
            await DatabaseBootstrap.PrepareAsync(settings, database, output, startupCancel.Token);
            var connectionString = database.Runtime;
            var adminKey = await DatabaseBootstrap.BootstrapAdminKeyAsync(settings, connectionString, startupCancel.Token);

            var app = Build(settings, connectionString, environment, customize);
            // Settings are checked before the host starts, so a bad one is one line, not the host's failure log.
            app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            sigint.Dispose();
            sigterm.Dispose();
            startupCancel.Token.ThrowIfCancellationRequested();

            app.Lifetime.ApplicationStarted.Register(() => PrintBanner(settings, database, adminKey, output));
            await app.RunAsync();
            output.WriteLine("Witn.Actors silo stopped.");
            return 0;
        }
        catch (StartupException e)
        {
            error.WriteLine($"witn-silo: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (OptionsFailure(e) is { } failure)
        {
            // Settings from configuration (e.g. Witn:Webhooks) are checked as the host starts: unusable options.
            error.WriteLine($"witn-silo: {failure}");
            return 2;
        }
        catch (OperationCanceledException) when (startupCancel.IsCancellationRequested)
        {
            error.WriteLine("witn-silo: interrupted during startup");
            return 130;
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"witn-silo: port {settings.HttpPort} (--http-port) was taken while starting: choose another port with --http-port");
            return 1;
        }
        finally
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }
        }
    }

    /// <summary>What is wrong with the settings, when <paramref name="e"/> is the startup check refusing them.</summary>
    private static string? OptionsFailure(Exception e) => e switch
    {
        Microsoft.Extensions.Options.OptionsValidationException one => one.Message,
        AggregateException many when many.InnerExceptions.All(i => i is Microsoft.Extensions.Options.OptionsValidationException) =>
            string.Join("; ", many.InnerExceptions.Select(i => i.Message)),
        _ => null,
    };

    /// <summary>
    /// The web application hosting the silo and the API on an existing, migrated database. <paramref name="customize"/>
    /// runs last before the build (tests replace a component, e.g. the Event Hubs transport).
    /// </summary>
    public static WebApplication Build(SiloSettings settings, string connectionString, IDictionary? environment = null, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel(k => k.Listen(settings.Bind, settings.HttpPort));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        WrapConsole(builder.Services);
        // Quiet by default: the banner says what an operator needs; Logging__LogLevel__Default=Information says more.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        builder.Services.TryAddSingleton(TimeProvider.System);
        // Npgsql logs through the host's loggers (Logging__LogLevel__Npgsql=Information shows its connection errors).
        builder.Services.AddSingleton(sp => new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>()).Build());
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<Witn.Storage.Portal.PortalSecretStore>();
        builder.Services.AddOutcomeDefinitions();
        builder.Services.AddIngestion();
        builder.Services.AddOutcomeLifecycle();
        builder.Services.AddContracts();
        builder.Services.AddInvoices();
        builder.Services.AddReplay();
        builder.Services.AddDisputes();
        builder.Services.AddWebhooks();
        builder.Services.AddExports(settings.Payments);
        builder.Services.AddDisputeSummary();
        builder.Services.AddQuality();
        builder.Services.AddAlerts();
        builder.Services.AddSingleton<SiloActivity>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloActivity>());
        builder.Services.AddWitnApi();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = "witn-actors";
            });
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: settings.Bind.Equals(System.Net.IPAddress.Any));
            silo.Configure<SiloOptions>(o => o.SiloName = $"{Environment.MachineName}-{settings.HttpPort}");
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = AdoInvariant;
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = AdoInvariant;
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorageAsDefault(o =>
            {
                o.Invariant = AdoInvariant;
                o.ConnectionString = connectionString;
            });
            // Membership timing can be tuned per deployment (tests shorten it): Orleans__Membership__ProbeTimeout etc.
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
            if (settings.Telemetry)
            {
                // A grain call continues the caller's trace (a tenant's delivery → its outcomes' applies); without a
                // tracer listening to Orleans' source, each call costs only the filters' check.
                silo.AddActivityPropagation();
            }

            if (settings.EventHubs is { } hub)
            {
                silo.AddEventHubsDelivery(hub);
            }
            else
            {
                silo.AddEventLogStreams();
            }

            // The dashboard samples every silo's counters on this period; each sample is a burst of work on the
            // request path's cores (measured: ~2 ms of ingest p99 at a 1 s period on 2 cores, docs/benchmarks.md).
            // Its metric export (every second, not configurable) walks every resident grain: opt-in.
            if (settings.DashboardOn)
            {
                silo.AddDashboard(o => o.CounterUpdateIntervalMs = 10_000);
            }
        });

        customize?.Invoke(builder);
        // After the customization: whether traces are recorded depends on the configuration as a test host leaves it.
        SiloTelemetry.Add(builder, settings);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestTargetRules();
        app.UseAuthentication();
        // After authentication (the partition is the key), before authorization: a throttled key is not even authorized.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapHealth();
        app.MapWitnApi();
        SiloTelemetry.Map(app, settings);
        if (settings.DashboardOn)
        {
            var dashboard = app.MapOrleansDashboard(routePrefix: "/dashboard");
            if (!settings.Dev)
            {
                dashboard.RequireAuthorization(WitnPolicies.Admin).WithMetadata(KeyReach.Operator("the Orleans dashboard (every silo and grain)"));
            }
        }

        return app;
    }

    /// <summary>The console logger, without Orleans' false watchdog warning at startup (<see cref="WatchdogStartupFilter"/>).</summary>
    private static void WrapConsole(IServiceCollection services)
    {
        var console = services.Single(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider));
        services.Remove(console);
        services.AddSingleton<ILoggerProvider>(sp => new WatchdogStartupFilter(ActivatorUtilities.CreateInstance<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(sp)));
    }

    private static void PrintBanner(SiloSettings settings, DatabaseTarget database, string? adminKey, TextWriter output)
    {
        var embedded = database.Embedded;
        var http = $"http://{settings.UrlHost}:{settings.HttpPort}";
        output.WriteLine();
        output.WriteLine("Witn.Actors silo is running.");
        output.WriteLine($"  API         {http}/v1   (reference: {http}/openapi, OpenAPI: {http}/openapi/v1.json)");
        output.WriteLine(settings.DashboardOn
            ? $"  Dashboard   {http}/dashboard   ({(settings.Dev ? "open, --dev" : "user: anything, password: an admin key")})"
            : "  Dashboard   off (--dashboard to serve it)");
        output.WriteLine($"  Health      {http}/healthz   {http}/readyz");
        if (adminKey is not null)
        {
            output.WriteLine($"  Admin key   {adminKey}");
            output.WriteLine($"              shown once; also saved to {settings.AdminKeyFile} (mode 0600)");
        }
        else
        {
            output.WriteLine($"  Admin key   {(File.Exists(settings.AdminKeyFile) ? $"in {settings.AdminKeyFile}" : "created on an earlier start of this database (see its admin.key)")}");
        }

        output.WriteLine(embedded is null
            ? "  PostgreSQL  from --connection-string"
            : $"  PostgreSQL  embedded, 127.0.0.1:{embedded.Port}, data in {embedded.ClusterDirectory}");
        var migrates = database.Migrate is { } owner ? $", migrates as {new NpgsqlConnectionStringBuilder(owner).Username}" : "";
        output.WriteLine($"  Roles       works as {new NpgsqlConnectionStringBuilder(database.Runtime).Username}{migrates}{(settings.AllowOwnerRole ? " (--allow-owner-role)" : "")}");
        if (settings.EventHubs is { } hub)
        {
            output.WriteLine($"  Event Hubs  {hub}: delivers the PostgreSQL log to tenant grains");
        }

        output.WriteLine($"  Orleans     silo {settings.AdvertisedAddress}:{settings.SiloPort}, gateway :{settings.GatewayPort}, cluster '{settings.ClusterId}'");
        output.WriteLine("Press Ctrl-C to stop.");
        output.Flush();
    }
}
