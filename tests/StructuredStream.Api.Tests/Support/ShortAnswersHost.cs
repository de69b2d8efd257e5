namespace StructuredStream.Api.Tests.Support;

/// <summary>The service with a small cap on the model's answer (<c>Streams:MaxAnswerCharacters</c>), so reaching it is cheap.</summary>
public sealed class ShortAnswersHost : ServiceHost
{
    public const int MaxAnswerCharacters = 3000;

    public ShortAnswersHost()
        : base(new Dictionary<string, string?> { ["StructuredStream:Streams:MaxAnswerCharacters"] = MaxAnswerCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture) })
    {
    }
}
