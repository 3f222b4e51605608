using System.Collections.Generic;
using System.Collections;
using System.Linq;
using System.Management.Automation.Language;
using System.Management.Automation;
using System;
using OktaEventHooks.Session;

namespace OktaEventHooks.Completion;

/// <summary>
/// Completes hook ids from the hooks the last Get-OktaEventHook returned. The typed word may be the start
/// of an id or any part of a hook's name; the name is the tooltip. No request is sent.
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
