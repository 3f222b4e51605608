using System.Collections.Generic;
using System.Collections;
using System.Linq;
using System.Management.Automation.Language;
using System.Management.Automation;
using System;
using OktaEventHooks.Session;

namespace OktaEventHooks.Completion;

/// <summary>
/// Completes hook ids (for a parameter that takes ids only, such as -Id of Get-OktaEventHookLog, where deleted hooks
/// count too) from the hooks the last Get-OktaEventHook returned. The typed word may be the start of an id or any part
/// of a hook's name; the name is the tooltip. No request is sent.
/// </summary>
public sealed class EventHookIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Unquote(wordToComplete);
        return SeenEventHooks.All()
            .Where(h => h.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                        || h.Name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            .Select(h => new CompletionResult(h.Id, h.Id + " (" + h.Name + ")", CompletionResultType.ParameterValue, h.Name));
    }
}

/// <summary>
/// Completes -Id of the commands that take a hook's id or its exact name. An empty word or the start of an id completes
/// ids; any other word completes the (quoted) names that contain it, those that start with it first. A name that two
/// hooks share, or that holds wildcard characters, would be refused where one hook is meant: it completes as its ids.
/// No request is sent.
/// </summary>
public sealed class HookIdOrNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Unquote(wordToComplete);
        var hooks = SeenEventHooks.All();
        var byId = hooks.Where(h => h.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
        if (word.Length == 0)
        {
            return byId.Select(IdResult);
        }

        var byName = hooks
            .Where(h => !byId.Contains(h) && h.Name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            .OrderBy(h => h.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .Select(h => NamesOneHook(h, hooks)
                ? new CompletionResult(CompletionText.Quote(h.Name), h.Name, CompletionResultType.ParameterValue, h.Name + " (" + h.Id + ")")
                : IdResult(h));
        return byId.Select(IdResult).Concat(byName);
    }

    private static CompletionResult IdResult(SeenEventHook hook) =>
        new CompletionResult(hook.Id, hook.Id + " (" + hook.Name + ")", CompletionResultType.ParameterValue, hook.Name);

    private static bool NamesOneHook(SeenEventHook hook, IReadOnlyList<SeenEventHook> hooks) =>
        !WildcardPattern.ContainsWildcardCharacters(hook.Name)
        && hooks.Count(h => string.Equals(h.Name, hook.Name, StringComparison.OrdinalIgnoreCase)) == 1;
}

/// <summary>Completes hook names (for -Name, which takes wildcards) from the hooks the last Get-OktaEventHook returned.</summary>
public sealed class EventHookNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Unquote(wordToComplete);
        return SeenEventHooks.All()
            .Where(h => h.Name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            .OrderBy(h => h.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .Select(h => new CompletionResult(CompletionText.QuoteForWildcard(h.Name), h.Name, CompletionResultType.ParameterValue, h.Id));
    }
}
