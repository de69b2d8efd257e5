namespace StructuredStream.Redis;

/// <summary>What storing a tenant's schema did.</summary>
public enum SchemaSave
{
    /// <summary>The name was new to the tenant.</summary>
    Added,

    /// <summary>The tenant's schema of that name was replaced.</summary>
    Replaced,

    /// <summary>Nothing: the name is new and the tenant holds as many schemas as it may.</summary>
    Full,
}
