using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Catalog;

/// <summary>
/// The event-hook-eligible event types shipped in the module (Catalog/*.txt, embedded). Read on first use,
/// not at import, so importing the module stays cheap; Okta adds types monthly, so the catalog advises and never refuses.
/// </summary>
internal static class EventTypeCatalog
{
    private static readonly Lazy<IReadOnlyList<OktaEventType>> GeneralAvailability =
        new Lazy<IReadOnlyList<OktaEventType>>(() => Load("OktaEventHooks.Catalog.event-types.txt", beta: false));

    private static readonly Lazy<IReadOnlyList<OktaEventType>> BetaOnly =
        new Lazy<IReadOnlyList<OktaEventType>>(() => Load("OktaEventHooks.Catalog.event-types-beta.txt", beta: true));

    private static readonly Lazy<HashSet<string>> AllNames = new Lazy<HashSet<string>>(
        () => new HashSet<string>(All(includeBeta: true).Select(t => t.Name), StringComparer.Ordinal));

    public static IEnumerable<OktaEventType> All(bool includeBeta) =>
        includeBeta ? GeneralAvailability.Value.Concat(BetaOnly.Value) : GeneralAvailability.Value;

    public static bool Contains(string name) => AllNames.Value.Contains(name);

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

    private static List<OktaEventType> Load(string resourceName, bool beta)
    {
        using var stream = typeof(EventTypeCatalog).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The event type catalog '{resourceName}' is missing from the module.");
        using var reader = new StreamReader(stream);
        var types = new List<OktaEventType>();
        for (var line = reader.ReadLine(); line != null; line = reader.ReadLine())
        {
            var name = line.Trim();
            if (name.Length > 0 && !name.StartsWith("#", StringComparison.Ordinal))
            {
                types.Add(new OktaEventType(name, beta));
            }
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
