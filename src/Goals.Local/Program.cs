// The local run of the Goals API: serve (default), migrate, token, seed, worker (Cli/LocalCommandLine.cs). Never deployed.
return await Goals.Local.Cli.LocalCommandLine.RunAsync(args);
