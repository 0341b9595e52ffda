// Goals API entry point: Lambda mode when AWS_LAMBDA_RUNTIME_API is set, else the `migrate` and `serve` verbs (Cli/ApiCommandLine.cs).
// The local run (serve, token, seed, worker) is src/Goals.Local.
return await Goals.Api.Cli.ApiCommandLine.RunAsync(args);
