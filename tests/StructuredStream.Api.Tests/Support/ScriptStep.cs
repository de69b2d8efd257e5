namespace StructuredStream.Api.Tests.Support;

/// <summary>One step of a <see cref="ScriptedChatClient"/>'s answer.</summary>
internal abstract record ScriptStep
{
    private ScriptStep()
    {
    }

    /// <summary>A piece of the answer.</summary>
    public sealed record Text(string Value) : ScriptStep;

    /// <summary>Nothing for this long, on the script's clock.</summary>
    public sealed record Pause(TimeSpan Length) : ScriptStep;

    /// <summary>Nothing ever again, until cancelled.</summary>
    public sealed record Hang : ScriptStep;

    /// <summary>The call fails mid-answer.</summary>
    public sealed record Fail(Exception Exception) : ScriptStep;
}
