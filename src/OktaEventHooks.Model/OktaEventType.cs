namespace OktaEventHooks;

/// <summary>An event type from the catalog shipped with the module, as Get-OktaEventType lists it.</summary>
public sealed class OktaEventType
{
    public OktaEventType(string name, bool beta)
        : this(name, beta, identityEngineOnly: false, description: null, catalogRelease: null)
    {
    }

    public OktaEventType(string name, bool beta, bool identityEngineOnly, string? description, string? catalogRelease)
    {
        Name = name;
        Beta = beta;
        IdentityEngineOnly = identityEngineOnly;
        Description = description;
        CatalogRelease = catalogRelease;
        var dot = name.IndexOf('.');
        Category = dot > 0 ? name.Substring(0, dot) : name;
    }

    /// <summary>The name Okta uses in <c>events.items</c>, e.g. user.lifecycle.create.</summary>
    public string Name { get; }

    /// <summary>True for types Okta marks beta: eligible for hooks, but hidden from its public catalog.</summary>
    public bool Beta { get; }

    /// <summary>True for types Okta writes only in Identity Engine orgs (tagged oie-only): a Classic org never sends them.</summary>
    public bool IdentityEngineOnly { get; }

    /// <summary>Okta's description of the event.</summary>
    public string? Description { get; }

    /// <summary>The first segment of the name (user, group, application, ...).</summary>
    public string Category { get; }

    /// <summary>The release of Okta's catalog the module ships, e.g. 2026.08.1.</summary>
    public string? CatalogRelease { get; }

    public override string ToString() => Name;
}
