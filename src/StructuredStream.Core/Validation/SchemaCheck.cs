using StructuredStream.Schemas;

namespace StructuredStream.Validation;

/// <summary>One value being checked against one subschema, with what the check has seen of the value so far.</summary>
/// <remarks>Reused through <see cref="PartialValidator"/>'s pool: a check lives as long as its value is being written.</remarks>
internal sealed class SchemaCheck
{
    public SchemaNode Schema { get; private set; } = SchemaNode.Anything;

    public SchemaCheck? Parent { get; private set; }

    public CheckLink Link { get; private set; }

    /// <summary>The depth of the value's frame, to find its JSON Pointer when it fails.</summary>
    public int Depth { get; private set; }

    /// <summary>One of this check's own keywords failed; it reports nothing more of its own.</summary>
    public bool Failed { get; set; }

    /// <summary>This <c>anyOf</c>/<c>oneOf</c> alternative can no longer match: nothing below it matters.</summary>
    public bool Dead { get; set; }

    /// <summary><c>anyOf</c> alternatives not yet failed.</summary>
    public int AnyOfAlive { get; set; }

    /// <summary><c>oneOf</c> alternatives not yet failed.</summary>
    public int OneOfAlive { get; set; }

    /// <summary>Items of an array or distinct member names of an object, so far (a string's length is the validator's, shared by its checks).</summary>
    public int Count { get; set; }

    /// <summary>Member names seen, when the schema counts or requires them.</summary>
    public HashSet<string>? Names { get; set; }

    /// <summary>The items seen, by canonical form (numbers rounded to doubles there, so a form may hold several), for <c>uniqueItems</c>.</summary>
    public Dictionary<string, List<Documents.DocumentNode>>? Items { get; set; }

    /// <summary>Which of the schema's enum strings the string written so far is still a prefix of.</summary>
    public bool[]? EnumCandidates { get; set; }

    public int EnumCandidatesAlive { get; set; }

    public SchemaCheck Reset(SchemaNode schema, SchemaCheck? parent, CheckLink link, int depth)
    {
        Schema = schema;
        Parent = parent;
        Link = link;
        Depth = depth;
        Failed = false;
        Dead = parent?.Dead ?? false;
        AnyOfAlive = schema.AnyOf?.Length ?? 0;
        OneOfAlive = schema.OneOf?.Length ?? 0;
        Count = 0;
        Names?.Clear();
        Items?.Clear();
        EnumCandidates = null;
        EnumCandidatesAlive = 0;
        return this;
    }
}
