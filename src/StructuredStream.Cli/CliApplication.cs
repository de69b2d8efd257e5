using System.CommandLine;

namespace StructuredStream.Cli;

/// <summary>The <c>structured-stream</c> command line, runnable in process with any standard streams.</summary>
public static class CliApplication
{
    /// <summary>Runs one command line and returns its exit code: 0 success, 1 stream failed or invalid, 2 bad usage or input.</summary>
    public static int Run(string[] args, Stream standardOutput, TextWriter standardError, Stream? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(standardOutput);
        ArgumentNullException.ThrowIfNull(standardError);
        var files = new InputFiles(standardInput ?? Stream.Null);
        var root = new RootCommand("Stream structured output from language models as JSON Patch events.")
        {
            ReplayCommand.Create(standardOutput, files),
            ApplyCommand.Create(standardOutput, standardError, files),
            CheckSchemaCommand.Create(standardOutput, files),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command == root ? "structured-stream" : $"structured-stream {parsed.CommandResult.Command.Name}";
            var message = parsed.UnmatchedTokens.Count > 0
                ? $"unknown command, option or argument '{parsed.UnmatchedTokens[0]}'."
                : parsed.CommandResult.Command == root ? "give a command: replay, apply or check-schema." : parsed.Errors[0].Message;
            // One line, whatever the parser's message looks like (some list the allowed values on lines of their own).
            standardError.WriteLine($"{command}: {OneLine(message)} (see '{command} --help')");
            return ExitCodes.BadInput;
        }

        using var help = new StreamWriter(standardOutput, leaveOpen: true) { AutoFlush = true };
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = help, Error = standardError, EnableDefaultExceptionHandler = false });
        }
        catch (CliInputException e)
        {
            standardError.WriteLine($"structured-stream {parsed.CommandResult.Command.Name}: {OneLine(e.Message)}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>A message as one line: what a script reads from stderr is one line per failure.</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
