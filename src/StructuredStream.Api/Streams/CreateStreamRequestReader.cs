using StructuredStream.Api.Access;
using System.Text.Json;
using Microsoft.Extensions.AI;
using StructuredStream.Api.Schemas;
using StructuredStream.Patching;
using StructuredStream.Schemas;
using StructuredStream.Validation;

namespace StructuredStream.Api.Streams;

/// <summary>Checks a <see cref="CreateStreamRequest"/> and says everything wrong with it at once.</summary>
public sealed class CreateStreamRequestReader(SchemaCatalog catalog, SchemaCache cache, AccessOptions access)
{
    /// <summary>The checked request, or the problems (member → messages) that refuse it.</summary>
    /// <exception cref="StackExchange.Redis.RedisException">A tenant's named schema could not be read from Redis.</exception>
    public async Task<(GenerationRequest? Request, Dictionary<string, string[]> Problems, RequestRefusal Refusal)> ReadAsync(CreateStreamRequest request, string tenant)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The one part of the check that may leave the process (tenants' schemas live in Redis with several instances).
        var named = request.SchemaId is { } id && request.Schema is not { ValueKind: not JsonValueKind.Null }
            ? await catalog.FindAsync(id, tenant).ConfigureAwait(false)
            : null;
        var checkedRequest = Read(request, tenant, named, out var problems, out var refusal);
        return (checkedRequest, problems, refusal);
    }

    private GenerationRequest? Read(CreateStreamRequest request, string tenant, NamedSchema? named, out Dictionary<string, string[]> problems, out RequestRefusal refusal)
    {
        problems = [];
        refusal = RequestRefusal.Invalid;
        var schema = ReadSchema(request, named, problems, ref refusal);
        var messages = ReadMessages(request, problems);
        var promptLength = (request.Prompt?.Length ?? 0) + (request.Messages?.Sum(m => m.Content?.Length ?? 0) ?? 0);
        if (promptLength > access.MaxPromptCharacters)
        {
            problems["prompt"] = [$"The prompt and messages hold {promptLength} characters; at most {access.MaxPromptCharacters} are allowed (StructuredStream:Access:MaxPromptCharacters)."];
        }

        var patch = request.Patch switch
        {
            null or "append" => PatchMode.Append,
            "strict" => PatchMode.Strict,
            _ => Refuse(problems, "patch", $"'{request.Patch}' is not a patch mode; use 'append' or 'strict'.", PatchMode.Append),
        };
        var policy = request.OnViolation switch
        {
            // Retrying is the service's part: the engine stops at the violation, the generation asks again.
            null or "abort" or "retry" => ViolationPolicy.Abort,
            "continue" => ViolationPolicy.Continue,
            _ => Refuse(problems, "onViolation", $"'{request.OnViolation}' is not a violation policy; use 'abort', 'continue' or 'retry'.", ViolationPolicy.Abort),
        };
        if (request.Model?.MaxOutputTokens is < 1)
        {
            problems["model.maxOutputTokens"] = ["It must be at least 1."];
        }

        if (request.Simulation is { AfterTokens: < 0 } or { TokensPerSecond: < 0 } or { FirstTokenMs: < 0 })
        {
            problems["simulation"] = ["afterTokens, tokensPerSecond and firstTokenMs cannot be negative."];
        }

        if (problems.Count > 0 || schema is null)
        {
            return null;
        }

        return new GenerationRequest(schema, messages)
        {
            SchemaId = request.SchemaId,
            PatchMode = patch,
            ViolationPolicy = policy,
            RetryViolations = request.OnViolation == "retry",
            Model = request.Model,
            Simulation = request.Simulation,
            Source = request,
            Tenant = tenant,
        };
    }

    private CompiledSchema? ReadSchema(CreateStreamRequest request, NamedSchema? named, Dictionary<string, string[]> problems, ref RequestRefusal refusal)
    {
        if (request.Schema is { ValueKind: not JsonValueKind.Null } == (request.SchemaId is not null))
        {
            problems["schema"] = ["Give exactly one of 'schema' (inline JSON Schema) and 'schemaId' (a named schema)."];
            return null;
        }

        if (request.SchemaId is { } id)
        {
            if (named is not null)
            {
                return named.Schema;
            }

            refusal = RequestRefusal.UnknownSchema;
            problems["schemaId"] = [$"There is no schema named '{id}'; GET /v1/schemas lists them."];
            return null;
        }

        try
        {
            return cache.GetOrLoad(request.Schema!.Value.GetRawText());
        }
        catch (SchemaException e)
        {
            problems["schema"] = [.. e.Problems.Select(p => p.ToString())];
            refusal = RequestRefusal.SchemaRefused;
            return null;
        }
    }

    private static List<ChatMessage> ReadMessages(CreateStreamRequest request, Dictionary<string, string[]> problems)
    {
        var messages = new List<ChatMessage>();
        if ((request.Prompt is null) == (request.Messages is null))
        {
            problems["messages"] = ["Give exactly one of 'prompt' (a single user message) and 'messages' (the conversation)."];
            return messages;
        }

        if (request.Prompt is { } prompt)
        {
            messages.Add(new ChatMessage(ChatRole.User, prompt));
            return messages;
        }

        var wrong = new List<string>();
        for (var i = 0; i < request.Messages!.Count; i++)
        {
            var message = request.Messages[i];
            if (message?.Role is not ("system" or "user" or "assistant") || message.Content is null)
            {
                wrong.Add($"messages[{i}] needs a role (system, user or assistant) and a content string.");
                continue;
            }

            messages.Add(new ChatMessage(new ChatRole(message.Role), message.Content));
        }

        if (request.Messages.Count == 0)
        {
            wrong.Add("The conversation is empty.");
        }

        if (wrong.Count > 0)
        {
            problems["messages"] = [.. wrong];
        }

        return messages;
    }

    private static T Refuse<T>(Dictionary<string, string[]> problems, string member, string message, T fallback)
    {
        problems[member] = [message];
        return fallback;
    }
}
