using Witn.Silo;

if (OperatingSystem.IsWindows())
{
    Console.Error.WriteLine("witn-silo: Windows is not supported yet; run the silo on Linux or macOS, or in the docker/ image.");
    return 1;
}

return await SiloApp.RunAsync(args, Environment.GetEnvironmentVariables(), Console.Out, Console.Error);
