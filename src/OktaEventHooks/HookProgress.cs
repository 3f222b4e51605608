using System;
using System.Diagnostics;
using System.Management.Automation;

namespace OktaEventHooks;

/// <summary>
/// Progress for a command that works through hooks, shown once the work has taken about a second (whatever the
/// count), and only to a person: a host without a user (the Default Host of an embedded runspace, a
/// non-interactive session such as a service) gets none. WriteProgress itself honours $ProgressPreference.
/// </summary>
internal sealed class HookProgress
{
    /// <summary>Work that ends sooner than this shows no bar: it would only flicker.</summary>
    public static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);

    private readonly PSCmdlet _cmdlet;
    private readonly string _activity;
    private readonly int _activityId;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = new Stopwatch();
    private int _done;
    private bool _shown;

    public HookProgress(PSCmdlet cmdlet, string activity)
    {
        _cmdlet = cmdlet;
        _activity = activity;
        _activityId = Math.Abs(activity.GetHashCode() % 10000) + 1;
        _interactive = IsInteractive(cmdlet);
    }

    /// <summary>True when a person may be watching the host: progress and wait notices are meant for them.</summary>
    public static bool IsInteractive(PSCmdlet cmdlet) =>
        Environment.UserInteractive
        && !string.Equals(cmdlet.Host?.Name, "Default Host", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reports that work on one more hook begins. <paramref name="total"/> is the number of hooks when it is known up
    /// front; from the pipeline it is not, and the text then says how many so far.
    /// </summary>
    public void Next(string hook, int? total = null)
    {
        _done++;
        if (!_clock.IsRunning)
        {
            _clock.Start();
        }

        if (!_interactive || (!_shown && _clock.Elapsed < ShowAfter))
        {
            return;
        }

        _shown = true;
        var status = total.HasValue ? $"{_done} of {total}: {hook}" : $"{_done} so far: {hook}";
        var record = new ProgressRecord(_activityId, _activity, status);
        if (total > 0)
        {
            record.PercentComplete = Math.Min(100, (_done - 1) * 100 / total.Value);
        }

        _cmdlet.WriteProgress(record);
    }

    /// <summary>Clears the bar at the end of the command, if one was shown.</summary>
    public void Complete()
    {
        if (_shown)
        {
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            _shown = false;
        }
    }
}
