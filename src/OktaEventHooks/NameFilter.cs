using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace OktaEventHooks;

/// <summary>
/// The -Name filter of the Get cmdlets, like Get-Process: wildcards allowed, case ignored; a plain name that matches
/// nothing is an error, a wildcard that matches nothing is not.
/// </summary>
internal static class NameFilter
{
    /// <summary>Null when <paramref name="pattern"/> is a usable wildcard pattern, else what is wrong with it.</summary>
    public static string? PatternProblem(string? pattern)
    {
        try
        {
            new WildcardPattern(pattern ?? string.Empty, WildcardOptions.IgnoreCase).IsMatch(string.Empty);
            return null;
        }
        catch (WildcardPatternException)
        {
            return $"'{pattern}' is not a valid wildcard pattern. Allowed: a name, with * and ? as wildcards; write a literal [ or ] as `[ or `].";
        }
    }

    /// <summary>
    /// The items <paramref name="names"/> select, in their own order (all of them when <paramref name="names"/> is null),
    /// and the plain names that matched nothing.
    /// </summary>
    public static List<T> Select<T>(IEnumerable<T> items, Func<T, string> nameOf, IReadOnlyCollection<string>? names, out List<string> notFound)
    {
        notFound = new List<string>();
        if (names == null)
        {
            return items.ToList();
        }

        var all = items.ToList();
        var patterns = names.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
        var selected = all.Where(item => patterns.Any(p => p.IsMatch(nameOf(item)))).ToList();
        notFound = names
            .Where(n => !WildcardPattern.ContainsWildcardCharacters(n))
            .Where(n => !all.Any(item => string.Equals(nameOf(item), WildcardPattern.Unescape(n), StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return selected;
    }
}
