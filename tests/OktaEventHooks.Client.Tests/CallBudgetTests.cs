using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.Tests;

public sealed class CallBudgetTests
{
    private TimeSpan _elapsed = TimeSpan.Zero;

    private CallBudget Budget(int maxRetries = 2, double deadlineSeconds = 180) =>
        new(maxRetries, TimeSpan.FromSeconds(deadlineSeconds), () => _elapsed);

    [Theory]
    [InlineData(-3, 0)]
    [InlineData(0, 0)]
    [InlineData(2, 2)]
    public void Takes_a_negative_retry_count_as_none(int maxRetries, int expected) =>
        Assert.Equal(expected, Budget(maxRetries).MaxRetries);

    [Fact]
    public void Gives_out_each_retry_once()
    {
        var budget = Budget(maxRetries: 2);
        Assert.True(budget.TryTakeRetry(TimeSpan.FromSeconds(1)));
        Assert.True(budget.TryTakeRetry(TimeSpan.FromSeconds(1)));
        Assert.False(budget.TryTakeRetry(TimeSpan.FromSeconds(1)));
        Assert.Equal(2, budget.Retries);
    }

    [Fact]
    public void Gives_no_retry_when_none_is_allowed()
    {
        var budget = Budget(maxRetries: 0);
        Assert.False(budget.TryTakeRetry(TimeSpan.Zero));
        Assert.Equal(0, budget.Retries);
    }

    [Theory]
    [InlineData(0, 9.9, true)]
    [InlineData(0, 10, false)]
    [InlineData(0, 11, false)]
    [InlineData(6, 3.9, true)]
    [InlineData(6, 4, false)]
    [InlineData(10, 0, false)]
    [InlineData(12, 0, false)]
    public void Gives_a_retry_only_when_its_wait_ends_before_the_deadline(double elapsedSeconds, double waitSeconds, bool taken)
    {
        var budget = Budget(maxRetries: 5, deadlineSeconds: 10);
        _elapsed = TimeSpan.FromSeconds(elapsedSeconds);
        Assert.Equal(taken, budget.TryTakeRetry(TimeSpan.FromSeconds(waitSeconds)));
        Assert.Equal(taken ? 1 : 0, budget.Retries);
    }

    [Fact]
    public void Counts_the_time_left_down_to_zero_and_never_below()
    {
        var budget = Budget(deadlineSeconds: 10);
        Assert.Equal(TimeSpan.FromSeconds(10), budget.Remaining);
        _elapsed = TimeSpan.FromSeconds(7.5);
        Assert.Equal(TimeSpan.FromSeconds(2.5), budget.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(7.5), budget.Elapsed);
        _elapsed = TimeSpan.FromSeconds(30);
        Assert.Equal(TimeSpan.Zero, budget.Remaining);
    }

    [Theory]
    [InlineData(0, 30, 10)]
    [InlineData(0, 5, 5)]
    [InlineData(8, 5, 2)]
    [InlineData(10, 5, 0)]
    [InlineData(15, 5, 0)]
    public void Cuts_an_attempt_s_timeout_to_what_is_left_of_the_deadline(double elapsedSeconds, double timeoutSeconds, double expectedSeconds)
    {
        var budget = Budget(deadlineSeconds: 10);
        _elapsed = TimeSpan.FromSeconds(elapsedSeconds);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), budget.AttemptTimeout(TimeSpan.FromSeconds(timeoutSeconds)));
    }

    [Fact]
    public void Counts_every_attempt()
    {
        var budget = Budget();
        budget.CountAttempt();
        budget.CountAttempt();
        budget.CountAttempt();
        Assert.Equal(3, budget.Attempts);
    }

    [Fact]
    public void Gives_concurrency_retries_apart_from_the_retries_up_to_their_cap()
    {
        var budget = Budget(maxRetries: 0);
        for (var i = 0; i < CallBudget.MaxConcurrencyRetries; i++)
        {
            Assert.True(budget.TryTakeConcurrencyRetry(TimeSpan.FromMilliseconds(250)));
        }

        Assert.False(budget.TryTakeConcurrencyRetry(TimeSpan.FromMilliseconds(250)));
        Assert.Equal(CallBudget.MaxConcurrencyRetries, budget.ConcurrencyRetries);
        Assert.Equal(0, budget.Retries);
        Assert.False(budget.TryTakeRetry(TimeSpan.Zero));
    }

    [Fact]
    public void Gives_a_concurrency_retry_only_when_its_wait_ends_before_the_deadline()
    {
        var budget = Budget(deadlineSeconds: 1);
        _elapsed = TimeSpan.FromSeconds(0.8);
        Assert.False(budget.TryTakeConcurrencyRetry(TimeSpan.FromSeconds(0.2)));
        Assert.True(budget.TryTakeConcurrencyRetry(TimeSpan.FromSeconds(0.1)));
        Assert.Equal(1, budget.ConcurrencyRetries);
    }

    [Fact]
    public void Keeps_retries_and_concurrency_retries_from_drawing_on_each_other()
    {
        var budget = Budget(maxRetries: 1);
        Assert.True(budget.TryTakeRetry(TimeSpan.Zero));
        Assert.True(budget.TryTakeConcurrencyRetry(TimeSpan.Zero));
        Assert.False(budget.TryTakeRetry(TimeSpan.Zero));
        Assert.Equal(1, budget.Retries);
        Assert.Equal(1, budget.ConcurrencyRetries);
    }

    [Fact]
    public void Runs_on_a_real_clock_by_default()
    {
        var budget = new CallBudget(1, TimeSpan.FromMinutes(1));
        Assert.InRange(budget.Remaining, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
        Assert.True(budget.Elapsed >= TimeSpan.Zero);
    }
}
