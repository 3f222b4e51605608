using System.Collections.Frozen;

namespace OktaEventHooks.Sandbox.Hooks;

/// <summary>
/// The event types Okta accepts in <c>events.items</c>: the public eligible list plus the beta-flagged
/// eligible ones (a real org accepts both). Linked from the module's catalog so the two never drift.
/// </summary>
internal sealed class EligibleEventTypes
{
    private const string ResourceName = "OktaEventHooks.Sandbox.Catalog.event-types.txt";

    private readonly FrozenSet<string> _eligible;

    private EligibleEventTypes(IEnumerable<string> eligible) =>
        _eligible = eligible.ToFrozenSet(StringComparer.Ordinal);

    public bool IsEligible(string eventType) => _eligible.Contains(eventType);

    public static EligibleEventTypes LoadEmbedded()
    {
        var assembly = typeof(EligibleEventTypes).Assembly;
        var types = new List<string>();
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded event-type catalog '{ResourceName}' is missing from the build.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            // name<TAB>flags<TAB>description; '#' starts a header line.
            var type = line.Split('\t')[0].Trim();
            if (type.Length > 0 && !type.StartsWith('#'))
            {
                types.Add(type);
            }
        }

        return new EligibleEventTypes(types);
    }
}
