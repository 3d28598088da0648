using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Witn.Grains.Outcomes;
using Witn.Silo;
using Witn.Testing.Silo.Faults;

// witn-test-silo: the production silo with one addition, the crash hook of the fault tests (Witn:Faults:CrashAt).
// It exists so that the shipped witn-silo has no configuration that makes it kill itself.
#pragma warning disable CA1416 // Linux and macOS only, like the silo
return await SiloApp.RunAsync(args, Environment.GetEnvironmentVariables(), Console.Out, Console.Error, builder =>
    builder.Services.Replace(ServiceDescriptor.Singleton<ISettlementMilestoneHook>(sp => CrashAtMilestone.FromConfiguration(builder.Configuration))));
