using LoadBench;

// `LoadBench run [options]` drives the whole benchmark (bench/load/run.sh); `LoadBench http-ceiling --urls URL` is the
// HTTP ceiling the driver starts as its own process.
return args.FirstOrDefault() switch
{
    "http-ceiling" => await HttpCeiling.RunAsync(args[1..]),
    "run" => await Driver.RunAsync(BenchOptions.Parse(args[1..])),
    _ => BenchOptions.Usage(),
};
