// Goals API entry point: a small verb dispatcher (serve | migrate | token | seed | worker), or Lambda mode when
// AWS_LAMBDA_RUNTIME_API is set. See Cli/CliDispatcher.cs.
return await Goals.Api.Cli.CliDispatcher.RunAsync(args);
