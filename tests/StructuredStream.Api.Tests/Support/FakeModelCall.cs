using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StructuredStream.Api.Tests.Support;

/// <summary>
/// One request to <see cref="FakeModelServer"/>: what was asked, how to answer it (in the wire format of the endpoint
/// it came to), and when its connection closed.
/// </summary>
public sealed class FakeModelCall
{
    private readonly HttpContext _context;
    private readonly bool _ollama;
    private readonly TaskCompletionSource<long> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeModelCall(HttpContext context, string body, int attempt)
    {
        _context = context;
        _ollama = context.Request.Path == "/api/chat";
        Body = JsonNode.Parse(body)!.AsObject();
        Attempt = attempt;
        Authorization = context.Request.Headers.Authorization.ToString();
        context.RequestAborted.Register(() => _closed.TrySetResult(Stopwatch.GetTimestamp()));
    }

    /// <summary>The request body as sent.</summary>
    public JsonObject Body { get; }

    /// <summary>1 for the first call of a script, 2 for its first retry, and so on.</summary>
    public int Attempt { get; }

    public string Authorization { get; }

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp at which the caller closed the connection.</summary>
    public Task<long> Closed => _closed.Task;

    /// <summary>Streams <paramref name="pieces"/> as content deltas, pausing between them, then ends the answer properly.</summary>
    public async Task StreamAsync(IEnumerable<string> pieces, TimeSpan pause = default)
    {
        await WriteAsync(pieces, pause);
        if (_ollama)
        {
            await WriteChunkAsync(new JsonObject
            {
                ["model"] = "fake-model",
                ["created_at"] = "2026-11-25T00:00:00Z",
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "" },
                ["done"] = true,
                ["done_reason"] = "stop",
                ["total_duration"] = 1000,
                ["prompt_eval_count"] = 10,
                ["eval_count"] = 20,
            });
            return;
        }

        await WriteChunkAsync(Chunk("", "stop"));
        await WriteLineAsync("data: [DONE]\n\n");
    }

    /// <summary>Streams <paramref name="pieces"/>, then drops the connection mid-answer.</summary>
    public async Task StreamThenDropAsync(IEnumerable<string> pieces)
    {
        await WriteAsync(pieces, TimeSpan.Zero);
        // A reset discards what the caller has received but not yet read; give it time to read the pieces first.
        await Task.Delay(300);
        _context.Abort();
    }

    /// <summary>Streams <paramref name="pieces"/>, then writes <paramref name="raw"/> as is (not framed as a chunk) and ends the response.</summary>
    public async Task StreamThenWriteRawAsync(IEnumerable<string> pieces, string raw)
    {
        await WriteAsync(pieces, TimeSpan.Zero);
        await WriteLineAsync(raw);
    }

    /// <summary>Streams <paramref name="pieces"/>, then writes nothing more until the caller goes away.</summary>
    public async Task StreamThenHangAsync(IEnumerable<string> pieces)
    {
        await WriteAsync(pieces, TimeSpan.Zero);
        await WaitUntilClosedAsync();
    }

    /// <summary>Streams <paramref name="first"/>, then <paramref name="next"/> again and again until the caller goes away.</summary>
    public async Task StreamForeverAsync(string first, string next, TimeSpan pause)
    {
        try
        {
            await WriteAsync([first], TimeSpan.Zero);
            while (true)
            {
                await Task.Delay(pause, _context.RequestAborted);
                await WriteChunkAsync(Chunk(next, null));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The caller closed the connection: what this answer waits for.
        }
    }

    /// <summary>Refuses the call the way the provider does: a status, an error body and, for 429, Retry-After.</summary>
    public async Task FailAsync(int status, string message, string? retryAfter = null)
    {
        _context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            _context.Response.Headers.RetryAfter = retryAfter;
        }

        await _context.Response.WriteAsJsonAsync(_ollama
            ? new JsonObject { ["error"] = message }
            : new JsonObject
            {
                ["error"] = new JsonObject { ["message"] = message, ["type"] = "fake_error", ["param"] = null, ["code"] = status == 429 ? "rate_limit_exceeded" : null },
            });
    }

    /// <summary>Splits <paramref name="text"/> into pieces of <paramref name="size"/> characters, as a tokenizer might.</summary>
    public static IEnumerable<string> Pieces(string text, int size = 7)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    private async Task WriteAsync(IEnumerable<string> pieces, TimeSpan pause)
    {
        _context.Response.ContentType = _ollama ? "application/x-ndjson" : "text/event-stream";
        if (!_ollama)
        {
            await WriteChunkAsync(Chunk("", null));
        }

        foreach (var piece in pieces)
        {
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, _context.RequestAborted);
            }

            await WriteChunkAsync(Chunk(piece, null));
        }
    }

    private async Task WaitUntilClosedAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, _context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One piece of the answer in the endpoint's format; OpenAI's first chunk names the role, its last only ends.</summary>
    private JsonObject Chunk(string content, string? finishReason)
    {
        if (_ollama)
        {
            return new JsonObject
            {
                ["model"] = "fake-model",
                ["created_at"] = "2026-11-25T00:00:00Z",
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["done"] = false,
            };
        }

        var delta = finishReason is not null ? new JsonObject()
            : content.Length == 0 ? new JsonObject { ["role"] = "assistant", ["content"] = "" }
            : new JsonObject { ["content"] = content };
        return new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1764000000,
            ["model"] = "fake-model",
            ["system_fingerprint"] = null,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
        };
    }

    private Task WriteChunkAsync(JsonObject chunk) => WriteLineAsync(_ollama ? chunk.ToJsonString() + "\n" : $"data: {chunk.ToJsonString()}\n\n");

    private async Task WriteLineAsync(string line)
    {
        await _context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), _context.RequestAborted);
        await _context.Response.Body.FlushAsync(_context.RequestAborted);
    }
}
