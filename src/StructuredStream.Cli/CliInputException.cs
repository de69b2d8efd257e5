namespace StructuredStream.Cli;

/// <summary>Bad usage or unreadable input: the command stops with exit code 2 and this one-line message.</summary>
internal sealed class CliInputException(string message, Exception? inner = null) : Exception(message, inner);
