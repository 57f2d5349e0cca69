using MotCua.Web.Reporting.Outputs;
using Shouldly;

namespace MotCua.Tests.Reporting.Outputs;

/// <summary>The Decision 766 scorer: configuration and inputs in, points with their inputs and rule out.</summary>
public sealed class Decision766ScoringTests
{
    private static Decision766Options Options() => new()
    {
        Groups =
        [
            new Decision766Group
            {
                Key = "Progress",
                Max = 20,
                Components =
                [
                    new Decision766Component { Key = "ResolvedOnTime", Max = 14, Input = Decision766Input.OnTimeRate, Rule = Decision766Rule.Proportional, Target = 1m },
                    new Decision766Component
                    {
                        Key = "InProgressWithinDeadline",
                        Max = 6,
                        Input = Decision766Input.DigitisedShare,
                        Rule = Decision766Rule.Steps,
                        Steps = [new() { AtLeast = 0.9m, Points = 3 }, new() { AtLeast = 0.95m, Points = 4.5m }, new() { AtLeast = 1m, Points = 6 }],
                    },
                ],
            },
            new Decision766Group
            {
                Key = "Rest",
                Max = 80,
                Components =
                [
                    new Decision766Component { Key = "DossiersOnline", Max = 12, Input = Decision766Input.OnlineShare, Rule = Decision766Rule.Proportional, Target = 0.5m },
                    new Decision766Component { Key = "Satisfied", Max = 68, Input = Decision766Input.SatisfactionRate, Rule = Decision766Rule.Proportional },
                ],
            },
        ],
    };

    [Theory]
    // The seeds' shape: 3.385 early or on time of 3.478 resolved → 97,33% of 14 points = 13,63.
    [InlineData(3385, 3478, 13.63)]
    [InlineData(3478, 3478, 14.00)]
    [InlineData(0, 3478, 0.00)]
    [InlineData(1, 3, 4.67)]
    public void Proportional_points_follow_the_rate_up_to_the_target(int part, int whole, double expected)
    {
        var score = ScoreDecision766.Score(Options(), new Dictionary<Decision766Input, Ratio> { [Decision766Input.OnTimeRate] = new(part, whole) });
        var component = score.Groups[0].Components[0];
        component.Points.ShouldBe((decimal)expected);
        component.Ratio.ShouldBe(new Ratio(part, whole));
        component.Status.ShouldBe(Decision766Status.Scored);
    }

    [Theory]
    [InlineData(89, 100, 0)]
    [InlineData(90, 100, 3)]
    [InlineData(949, 1000, 3)]
    [InlineData(95, 100, 4.5)]
    [InlineData(265, 265, 6)]
    public void Steps_give_the_points_of_the_highest_threshold_reached(int part, int whole, double expected) =>
        ScoreDecision766.Score(Options(), new Dictionary<Decision766Input, Ratio> { [Decision766Input.DigitisedShare] = new(part, whole) })
            .Groups[0].Components[1].Points.ShouldBe((decimal)expected);

    [Fact]
    public void A_rate_above_the_target_earns_no_more_than_the_maximum()
    {
        // The seeds: 17.854 of 31.265 received online = 57,1%, above a 50% target.
        var score = ScoreDecision766.Score(Options(), new Dictionary<Decision766Input, Ratio> { [Decision766Input.OnlineShare] = new(17854, 31265) });
        score.Groups[1].Components[0].Points.ShouldBe(12m);
    }

    [Fact]
    public void Inputs_the_system_lacks_score_zero_and_say_so_and_an_empty_period_is_not_a_perfect_one()
    {
        var score = ScoreDecision766.Score(Options(), new Dictionary<Decision766Input, Ratio>
        {
            [Decision766Input.OnTimeRate] = new(0, 0),
            [Decision766Input.DigitisedShare] = new(10, 10),
        });

        score.Groups[0].Components[0].Status.ShouldBe(Decision766Status.NothingToMeasure);
        score.Groups[0].Components[0].Points.ShouldBe(0m);
        score.Groups[1].Components[1].Status.ShouldBe(Decision766Status.NoData);
        score.Groups[1].Components[1].Ratio.ShouldBeNull();
        score.Groups[1].Points.ShouldBe(0m);
        score.Total.ShouldBe(6m);
    }

    [Fact]
    public void The_total_is_the_sum_of_the_groups()
    {
        var score = ScoreDecision766.Score(Options(), new Dictionary<Decision766Input, Ratio>
        {
            [Decision766Input.OnTimeRate] = new(3385, 3478),
            [Decision766Input.DigitisedShare] = new(265, 265),
            [Decision766Input.OnlineShare] = new(1, 4),
            [Decision766Input.SatisfactionRate] = new(9, 10),
        });
        score.Groups.Select(g => g.Points).ShouldBe([19.63m, 67.20m]);
        score.Total.ShouldBe(86.83m);
    }

    [Theory]
    [InlineData(21, 80, "group maxima sum to 101, not 100")]
    [InlineData(20, 81, "Rest: component maxima sum to 80, not 81")]
    public void A_configuration_that_does_not_add_up_is_refused(decimal progress, decimal rest, string problem)
    {
        var options = Options();
        options.Groups[0].Max = progress;
        options.Groups[1].Max = rest;
        options.Problems().ShouldContain(problem);
        Options().Problems().ShouldBeEmpty();
    }

    [Fact]
    public void Steps_that_fall_are_refused()
    {
        var options = Options();
        options.Groups[0].Components[1].Steps.Reverse();
        options.Problems().ShouldContain("Progress.InProgressWithinDeadline: steps must rise, with points between 0 and the maximum");
    }
}
