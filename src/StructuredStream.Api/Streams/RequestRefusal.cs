namespace StructuredStream.Api.Streams;

/// <summary>Why a stream request was refused, which decides its status code.</summary>
public enum RequestRefusal
{
    /// <summary>400: a member is missing, malformed or contradicts another.</summary>
    Invalid,

    /// <summary>404: the <c>schemaId</c> names no schema.</summary>
    UnknownSchema,

    /// <summary>422: the inline schema is well-formed JSON but refused.</summary>
    SchemaRefused,
}
