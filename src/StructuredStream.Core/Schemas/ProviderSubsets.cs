using System.Text.Json;

namespace StructuredStream.Schemas;

/// <summary>The structured-output subsets of the providers this service knows.</summary>
public static class ProviderSubsets
{
    /// <summary>The providers that can be checked.</summary>
    public static IReadOnlyList<string> Known { get; } = [OpenAiStrictMode.Provider];

    /// <summary>Checks <paramref name="schema"/> against <paramref name="provider"/>'s subset.</summary>
    /// <exception cref="ArgumentException">The provider is not one of <see cref="Known"/>.</exception>
    public static ProviderFit Check(string provider, JsonElement schema) => provider switch
    {
        OpenAiStrictMode.Provider => OpenAiStrictMode.Check(schema),
        _ => throw new ArgumentException($"'{provider}' is not a provider that can be checked; known: {string.Join(", ", Known)}.", nameof(provider)),
    };
}
