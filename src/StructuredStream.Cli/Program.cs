using StructuredStream.Cli;

// As in the service: every regex built without a match time-out gets one (JsonSchema.Net compiles patternProperties
// without it), read when the first regex is built, so before anything else.
AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));

using var stdout = Console.OpenStandardOutput();
using var stdin = Console.OpenStandardInput();
return CliApplication.Run(args, stdout, Console.Error, stdin);
