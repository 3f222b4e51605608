namespace OktaEventHooks;

/// <summary>An event type from the catalog shipped with the module, as Get-OktaEventType lists it.</summary>
public sealed class OktaEventType
{
    public OktaEventType(string name, bool beta)
    {
        Name = name;
        Beta = beta;
        var dot = name.IndexOf('.');
        Category = dot > 0 ? name.Substring(0, dot) : name;
    }

    /// <summary>The name Okta uses in <c>events.items</c>, e.g. user.lifecycle.create.</summary>
    public string Name { get; }

    /// <summary>True for types Okta marks beta: eligible for hooks, but hidden from its public catalog.</summary>
    public bool Beta { get; }

    /// <summary>The first segment of the name (user, group, application, ...).</summary>
    public string Category { get; }

    public override string ToString() => Name;
}
