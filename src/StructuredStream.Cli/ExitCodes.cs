namespace StructuredStream.Cli;

/// <summary>The exit codes of every command.</summary>
internal static class ExitCodes
{
    /// <summary>The stream completed and checked out.</summary>
    public const int Success = 0;

    /// <summary>The stream failed or was invalid; whatever it produced was still written.</summary>
    public const int StreamFailed = 1;

    /// <summary>Bad usage or unreadable input; nothing was done.</summary>
    public const int BadInput = 2;
}
