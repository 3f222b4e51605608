using System.Collections.Generic;
using System.Collections;
using System.Linq;
using System.Management.Automation.Language;
using System.Management.Automation;
using OktaEventHooks.Catalog;
using OktaEventHooks.Session;

namespace OktaEventHooks.Completion;

/// <summary>
/// Completes event type names from the shipped catalog, matching anywhere in the name
/// (deactivate → user.lifecycle.deactivate), with Okta's description as the tooltip. Beta types appear only when no
/// generally available type matches.
/// </summary>
public sealed class EventTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Unquote(wordToComplete);
        return EventTypeCatalog.Matching(word).Select(t => new CompletionResult(
            t.Name,
            t.Name,
            CompletionResultType.ParameterValue,
            EventTypeCatalog.Tooltip(t)));
    }
}

/// <summary>
/// Completes -RemoveEventType of Set-OktaEventHook: the types of the hook named by -Id when Get-OktaEventHook
/// has seen it (no request on Tab), else the whole catalog.
/// </summary>
public sealed class SubscribedEventTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Unquote(wordToComplete);
        var id = fakeBoundParameters?["Id"] as string;
        var subscribed = id == null ? null : SeenEventHooks.Find(id)?.EventTypes;
        if (subscribed == null || subscribed.Count == 0)
        {
            return new EventTypeCompleter().CompleteArgument(commandName, parameterName, wordToComplete, commandAst, fakeBoundParameters!);
        }

        return subscribed
            .Where(t => t.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0)
            .Select(t => new CompletionResult(t, t, CompletionResultType.ParameterValue, t));
    }
}
