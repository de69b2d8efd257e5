using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;
using StructuredStream.Api.Models.Simulated;
using StructuredStream.Schemas;

namespace StructuredStream.Api.Models;

/// <summary>The configured model: its <see cref="IChatClient"/> (with tool calling when asked) and how to ask it for a schema.</summary>
public sealed class ModelClient : IDisposable
{
    /// <summary>
    /// The <see cref="ChatOptions.AdditionalProperties"/> key under which each model call carries its stream's id, so
    /// that a wrapped client (tracing, metering, a load test's clock) can tell which stream it serves.
    /// </summary>
    public const string StreamIdProperty = "structuredstream.stream_id";

    private readonly HttpClient? _http;
    private readonly IChatClient _plain;
    private readonly IChatClient _withTools;

    // A schema is checked once, not per stream; entries go with their schemas.
    private readonly ConditionalWeakTable<CompiledSchema, StrongBox<bool>> _fitsStrictMode = new();

    /// <summary>Builds the client the options name.</summary>
    /// <exception cref="InvalidOperationException">The configuration is incomplete or names an unknown provider.</exception>
    public ModelClient(ModelOptions options, SchemaCache schemas, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        Provider = options.Provider.ToLowerInvariant();
        ModelName = options.Name;
        IChatClient inner;
        switch (Provider)
        {
            case "simulated":
                inner = new SimulatedChatClient(options.Simulated, schemas, timeProvider);
                break;
            case "openai":
                _http = CreateHttpClient(null, readOllamaErrors: false);
                var openAi = new OpenAIClient(
                    new ApiKeyCredential(options.ApiKey ?? throw Missing("ApiKey", "the openai provider")),
                    new OpenAIClientOptions
                    {
                        Endpoint = options.BaseUrl ?? new Uri("https://api.openai.com/v1"),
                        Transport = new HttpClientPipelineTransport(_http),
                        // Retries are ours (before the first token only): the SDK's would retry mid-stream failures too.
                        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    });
                inner = openAi.GetChatClient(options.Name).AsIChatClient();
                break;
            case "ollama":
                _http = CreateHttpClient(options.BaseUrl ?? throw Missing("BaseUrl", "the ollama provider"), readOllamaErrors: true);
                inner = new OllamaApiClient(_http, options.Name);
                break;
            default:
                throw new InvalidOperationException($"StructuredStream:Model:Provider is '{options.Provider}'; it must be simulated, openai or ollama.");
        }

        _plain = inner;
        _withTools = inner.AsBuilder().UseFunctionInvocation().Build();
    }

    /// <summary>Wraps a chat client built elsewhere (another provider, or a scripted one in tests), with tool calling.</summary>
    public ModelClient(IChatClient client, string provider, string modelName)
    {
        ArgumentNullException.ThrowIfNull(client);
        Provider = provider;
        ModelName = modelName;
        _plain = client;
        _withTools = client.AsBuilder().UseFunctionInvocation().Build();
    }

    /// <summary>
    /// Streams the model's answer, calling the options' tools when it asks for them. Without tools the provider's
    /// updates pass straight through: tool calling keeps every update of a turn to look for calls in them, which
    /// would grow a stream's memory with each token.
    /// </summary>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = options.Tools is { Count: > 0 } ? _withTools : _plain;
        return client.GetStreamingResponseAsync(messages, options, cancellationToken);
    }

    /// <summary>
    /// The conversation that asks the model to go on from <paramref name="answerSoFar"/>: the answer as the assistant's
    /// last message (a prefill, which the simulated model and Ollama continue), and for OpenAI-compatible endpoints,
    /// which answer an assistant message with a new one, a user message asking for exactly the rest.
    /// </summary>
    public IReadOnlyList<ChatMessage> ContinuationMessages(IReadOnlyList<ChatMessage> messages, string answerSoFar)
    {
        ArgumentNullException.ThrowIfNull(messages);
        List<ChatMessage> continued = [.. messages, new ChatMessage(ChatRole.Assistant, answerSoFar)];
        if (Provider == "openai")
        {
            continued.Add(new ChatMessage(ChatRole.User,
                "Your answer above was cut off. Continue it from exactly where it stops: write only the characters that come next, without repeating anything and without code fences."));
        }

        return continued;
    }

    /// <summary>The provider's name, such as <c>openai</c>.</summary>
    public string Provider { get; }

    /// <summary>The model's name, as reported in <c>started</c>.</summary>
    public string ModelName { get; }

    /// <summary>
    /// Options that ask for <paramref name="schema"/> as the response format, or for plain text when the schema is a
    /// string (chat). The OpenAI adapter would rewrite the schema, so it gets the user's schema untouched instead.
    /// </summary>
    public ChatOptions CreateOptions(CompiledSchema schema, bool plainText, bool continuing = false)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var options = new ChatOptions { ModelId = ModelName };
        // A provider held to a response format writes a whole new object, not the rest of one: a continuation asks
        // for text and the parser holds it to the schema. The simulated model continues under its schema.
        if (plainText || (continuing && Provider != "simulated"))
        {
            options.ResponseFormat = ChatResponseFormat.Text;
            return options;
        }

        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.Json, "response");
        if (Provider == "openai")
        {
            var strict = _fitsStrictMode.GetValue(schema, static s => new StrongBox<bool>(OpenAiStrictMode.Check(s.Json).Fits)).Value;
            var json = schema.Json.GetRawText();
            options.RawRepresentationFactory = _ => new OpenAI.Chat.ChatCompletionOptions
            {
                ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat("response", BinaryData.FromString(json), jsonSchemaIsStrict: strict),
            };
        }

        return options;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _withTools.Dispose(); // and the provider's client inside it
        _http?.Dispose();
    }

    private static HttpClient CreateHttpClient(Uri? baseAddress, bool readOllamaErrors)
    {
        // Without MaxResponseDrainSize = 0, ending a stream between chunks lets the handler drain the response for
        // seconds while the provider keeps generating (and billing); with it the connection closes at once. The
        // time limits are the stream's own (ModelTimeouts), not a per-request one.
        HttpMessageHandler handler = new SocketsHttpHandler { MaxResponseDrainSize = 0 };
        if (readOllamaErrors)
        {
            handler = new OllamaErrorReader(handler);
        }

        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    private static InvalidOperationException Missing(string key, string what) =>
        new($"StructuredStream:Model:{key} must be set for {what}.");
}
