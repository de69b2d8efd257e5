using StructuredStream.LoadTest;

// A bounded load run on loopback: see docs/benchmarks.md. With --target, this process is the readers' side.
var options = LoadOptions.Parse(args);
return options.Target is null ? await LoadRun.RunAsync(options) : await LoadClient.RunAsync(options);
