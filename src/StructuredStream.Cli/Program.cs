using StructuredStream.Cli;

using var stdout = Console.OpenStandardOutput();
using var stdin = Console.OpenStandardInput();
return CliApplication.Run(args, stdout, Console.Error, stdin);
