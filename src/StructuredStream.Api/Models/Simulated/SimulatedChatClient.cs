using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using StructuredStream.Schemas;

namespace StructuredStream.Api.Models.Simulated;

/// <summary>
/// A model that needs no key and no network: for the JSON schema in <see cref="ChatOptions.ResponseFormat"/> it writes
/// a realistic, schema-valid answer, deterministic for <see cref="ChatOptions.Seed"/>, cut into real tokens and paced
/// like a real model. Without a schema it writes prose. Per-request <see cref="SimulationSettings"/> (in
/// <see cref="ChatOptions.AdditionalProperties"/> under <see cref="SettingsKey"/>) make it stall, fail, or misbehave.
/// </summary>
public sealed class SimulatedChatClient : IChatClient
{
    /// <summary>The key of <see cref="SimulationSettings"/> in <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string SettingsKey = "simulation";

    /// <summary>The name of the demo retrieval tool the <c>tool</c> scenario calls.</summary>
    public const string LookupTool = "lookup";

    private const string ModelName = "simulated";
    private static readonly string TextSchema = """{"type":"string"}""";
    private readonly SimulatedModelOptions _options;
    private readonly SchemaCache _schemas;
    private readonly TimeProvider _time;

    /// <summary>Creates the model.</summary>
    public SimulatedChatClient(SimulatedModelOptions options, SchemaCache schemas, TimeProvider timeProvider)
    {
        _options = options;
        _schemas = schemas;
        _time = timeProvider;
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var settings = options?.AdditionalProperties?.TryGetValue(SettingsKey, out var value) == true && value is SimulationSettings s ? s : new SimulationSettings();
        var speed = settings.TokensPerSecond ?? _options.TokensPerSecond;
        await Task.Delay(TimeSpan.FromMilliseconds(settings.FirstTokenMs ?? _options.FirstTokenMs), _time, cancellationToken).ConfigureAwait(false);

        if (settings.Scenario == SimulationScenario.Tool && !HasToolResult(history) && HasTool(options, LookupTool))
        {
            yield return ToolCall(history);
            yield break;
        }

        var jsonSchema = (options?.ResponseFormat as ChatResponseFormatJson)?.Schema;
        var schema = _schemas.GetOrLoad(jsonSchema is { } element ? element.GetRawText() : TextSchema);
        var text = ScenarioText.For(schema, (int)(options?.Seed ?? 0), settings.Scenario, plainText: jsonSchema is null);
        if (history.Count > 0 && history[^1].Role == ChatRole.Assistant)
        {
            // A prefill: go on from the answer so far, as models that support it do.
            text = ContinuationText.For(text, history[^1].Text, plainText: jsonSchema is null);
        }

        var tokens = TokenSplitter.Split(text);
        var delay = speed > 0 ? TimeSpan.FromSeconds(1 / speed) : TimeSpan.Zero;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i == settings.AfterTokens)
            {
                if (settings.Scenario == SimulationScenario.Stall)
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
                }
                else if (settings.Scenario == SimulationScenario.Error)
                {
                    throw new SimulatedModelException($"The simulated model failed after {i} tokens, as the 'error' scenario asks.");
                }
            }

            if (i > 0 && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, tokens[i]) { ModelId = ModelName };
        }

        var input = CountInputTokens(history);
        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = ModelName,
            FinishReason = settings.Scenario == SimulationScenario.Truncated ? ChatFinishReason.Length : ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = input, OutputTokenCount = tokens.Count, TotalTokenCount = input + tokens.Count })],
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("simulated", null, ModelName)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static bool HasTool(ChatOptions? options, string name) =>
        options?.Tools?.Any(t => t.Name == name) == true;

    private static bool HasToolResult(IReadOnlyList<ChatMessage> history) =>
        history.Any(m => m.Contents.OfType<FunctionResultContent>().Any());

    private static ChatResponseUpdate ToolCall(IReadOnlyList<ChatMessage> history)
    {
        var question = history.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = ModelName,
            FinishReason = ChatFinishReason.ToolCalls,
            Contents = [new FunctionCallContent("call_1", LookupTool, new Dictionary<string, object?> { ["query"] = question })],
        };
    }

    private static long CountInputTokens(IReadOnlyList<ChatMessage> history) =>
        history.Sum(m => (long)TokenSplitter.Split(m.Text).Count);
}
