using Witn.Cli;

return await new WitnCli(CliIo.FromProcess()).RunAsync(args, CancellationToken.None);
