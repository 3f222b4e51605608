using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Catalog;

/// <summary>
/// The event-hook-eligible event types shipped in the module: Okta's catalog (Catalog/event-types.txt, embedded, written
/// by tools/Update-EventTypeCatalog.ps1 with its source and release). Read on first use, not at import, so importing the
/// module stays cheap; Okta adds types monthly, so the catalog advises and never refuses.
/// </summary>
internal static class EventTypeCatalog
{
    private const string ResourceName = "OktaEventHooks.Catalog.event-types.txt";
    private const string ReleaseLine = "# Release: ";

    private static readonly Lazy<IReadOnlyList<OktaEventType>> Everything = new Lazy<IReadOnlyList<OktaEventType>>(() => Load());

    private static readonly Lazy<IReadOnlyList<OktaEventType>> GeneralAvailability =
        new Lazy<IReadOnlyList<OktaEventType>>(() => Everything.Value.Where(t => !t.Beta).ToList());

    private static readonly Lazy<IReadOnlyList<OktaEventType>> BetaOnly =
        new Lazy<IReadOnlyList<OktaEventType>>(() => Everything.Value.Where(t => t.Beta).ToList());

    private static readonly Lazy<Dictionary<string, OktaEventType>> ByName = new Lazy<Dictionary<string, OktaEventType>>(
        () => Everything.Value.ToDictionary(t => t.Name, StringComparer.Ordinal));

    public static IEnumerable<OktaEventType> All(bool includeBeta) =>
        includeBeta ? GeneralAvailability.Value.Concat(BetaOnly.Value) : GeneralAvailability.Value;

    public static bool Contains(string name) => ByName.Value.ContainsKey(name);

    /// <summary>The catalog's entry for <paramref name="name"/>, or null.</summary>
    public static OktaEventType? Find(string name) => ByName.Value.TryGetValue(name, out var type) ? type : null;

    /// <summary>The tooltip of a type: Okta's description, after what limits where it fires.</summary>
    public static string Tooltip(OktaEventType type) =>
        (type.Beta ? "(beta) " : string.Empty) + (type.IdentityEngineOnly ? "(Identity Engine only) " : string.Empty) + (type.Description ?? type.Name);

    /// <summary>What a hook that subscribes to <paramref name="names"/> should be told: unknown types, then limited ones.</summary>
    public static IEnumerable<string> Warnings(IReadOnlyCollection<string> names) =>
        new[] { UnknownWarning(names), LimitedWarning(names) }.Where(w => w != null).Select(w => w!);

    /// <summary>
    /// A warning for the beta and Identity-Engine-only types among <paramref name="names"/> (they may not fire in every
    /// org); null when there are none. They are still sent: an org may well have them.
    /// </summary>
    public static string? LimitedWarning(IEnumerable<string> names)
    {
        var limited = names
            .Distinct(StringComparer.Ordinal)
            .Select(Find)
            .Where(t => t != null && (t.Beta || t.IdentityEngineOnly))
            .Select(t => t!.Name + (t.Beta ? " (beta)" : string.Empty) + (t.IdentityEngineOnly ? " (Identity Engine only)" : string.Empty))
            .ToList();
        return limited.Count == 0
            ? null
            : "These event types may not fire in every org: " + string.Join(", ", limited) +
              ". Beta types reach only orgs where Okta has turned them on, Identity Engine only types never fire in a Classic Engine org.";
    }

    /// <summary>
    /// Names containing <paramref name="word"/> (any case), those that start with it first. Beta types are
    /// offered only when no generally available type matches, so they never crowd the common ones.
    /// </summary>
    public static IReadOnlyList<OktaEventType> Matching(string word)
    {
        var matches = Rank(GeneralAvailability.Value, word);
        return matches.Count > 0 ? matches : Rank(BetaOnly.Value, word);
    }

    /// <summary>
    /// A warning for the names outside the catalog, with the nearest known names; null when all are known.
    /// Unknown names are still sent: the catalog is a snapshot and Okta adds types monthly.
    /// </summary>
    public static string? UnknownWarning(IEnumerable<string> names)
    {
        var lines = names
            .Where(n => !Contains(n))
            .Distinct(StringComparer.Ordinal)
            .Select(n => $"'{n}'" + DidYouMean(n))
            .ToList();
        return lines.Count == 0
            ? null
            : "Not in the module's event type catalog, sent to Okta as given: " + string.Join("; ", lines) +
              ". Get-OktaEventType -IncludeBeta lists the known types.";
    }

    /// <summary>" (did you mean a, b?)" with the known names closest to <paramref name="name"/>, or how to search for one.</summary>
    public static string DidYouMean(string name)
    {
        var nearest = Nearest(name);
        if (nearest.Count > 0)
        {
            return " (did you mean " + string.Join(", ", nearest) + "?)";
        }

        var word = name.Substring(name.LastIndexOf('.') + 1);
        return word.Length >= 3 && word.Length <= 40 && !WildcardPattern.ContainsWildcardCharacters(word)
            ? $" (no known name is close; Get-OktaEventType '*{word}*' lists the names that contain '{word}')"
            : string.Empty;
    }

    /// <summary>Up to <paramref name="count"/> known names closest to an unknown one, nearest first.</summary>
    public static IReadOnlyList<string> Nearest(string name, int count = 3)
    {
        if (string.IsNullOrEmpty(name) || name.Length > EventHookRules.MaxEventTypeLength)
        {
            // Nothing that long is an event type; comparing it with every name would only burn time.
            return Array.Empty<string>();
        }

        var lastSegment = name.Substring(name.LastIndexOf('.') + 1);
        var limit = Math.Max(2, name.Length / 4);
        return All(includeBeta: true)
            .Select(t => new { t.Name, Distance = EditDistance(name, t.Name) })
            .Select(c => new
            {
                c.Name,
                // A type that shares the typed word's last segment is a good guess even when the rest differs.
                Score = lastSegment.Length >= 4 && c.Name.IndexOf(lastSegment, StringComparison.OrdinalIgnoreCase) >= 0
                    ? Math.Min(c.Distance, limit)
                    : c.Distance,
            })
            .Where(c => c.Score <= limit)
            .OrderBy(c => c.Score)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Name)
            .ToList();
    }

    private static List<OktaEventType> Rank(IEnumerable<OktaEventType> types, string word) =>
        types
            .Select(t => new { Type = t, At = t.Name.IndexOf(word, StringComparison.OrdinalIgnoreCase) })
            .Where(m => m.At >= 0)
            .OrderBy(m => m.At == 0 ? 0 : 1)
            .ThenBy(m => m.Type.Name, StringComparer.Ordinal)
            .Select(m => m.Type)
            .ToList();

    /// <summary>Reads the embedded catalog: header lines start with '#' (one of them names the release), then name, flags, description.</summary>
    private static List<OktaEventType> Load()
    {
        using var stream = typeof(EventTypeCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The event type catalog '{ResourceName}' is missing from the module.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        string? release = null;
        for (var line = reader.ReadLine(); line != null; line = reader.ReadLine())
        {
            if (line.StartsWith(ReleaseLine, StringComparison.Ordinal))
            {
                release = line.Substring(ReleaseLine.Length).Trim();
            }
            else if (line.Trim().Length > 0 && !line.StartsWith("#", StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }

        var types = new List<OktaEventType>(lines.Count);
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            var flags = fields.Length > 1 ? fields[1].Split(',') : Array.Empty<string>();
            types.Add(new OktaEventType(
                fields[0].Trim(),
                beta: flags.Contains("beta"),
                identityEngineOnly: flags.Contains("oie-only"),
                description: fields.Length > 2 && fields[2].Length > 0 ? fields[2] : null,
                catalogRelease: release));
        }

        return types;
    }

    /// <summary>Levenshtein distance over two rows; the catalog has a few hundred short names, so this stays cheap.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }
}
