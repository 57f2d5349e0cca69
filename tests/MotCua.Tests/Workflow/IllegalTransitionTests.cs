using MotCua.Web.Dossiers;
using Shouldly;
using static MotCua.Tests.Workflow.ProcessingLifecycleTests;

namespace MotCua.Tests.Workflow;

/// <summary>Every processing action from every reachable state: allowed ones succeed, the others are refused naming the state.</summary>
public sealed class IllegalTransitionTests
{
    private static readonly Dictionary<string, Func<Dossier, RuleBroken?>> Actions = new()
    {
        ["start"] = d => d.StartProcessing(),
        ["supplement"] = d => d.RequestSupplement("Thiếu", Utc("06/01/2026 09:00"), SupplementRule.Restart),
        ["resume"] = d => d.ResumeAfterSupplement(Utc("07/01/2026 09:00"), Utc("14/01/2026 09:00")),
        ["payment"] = d => d.RequestPayment(250_000, "Lệ phí", Utc("06/01/2026 09:00"), stopsClock: true),
        ["paid"] = d => d.ConfirmPayment("BL-0000001", Utc("07/01/2026 09:00"), due => due.AddDays(1)),
        ["extend"] = d => d.Extend(Utc("16/01/2026 09:00"), "Chậm", Utc("06/01/2026 09:00"), new DateOnly(2026, 1, 9)),
        ["finish"] = d => d.Finish(Utc("06/01/2026 09:00")),
        ["decline"] = d => d.Decline("Không đủ điều kiện", Utc("06/01/2026 09:00")),
        ["return"] = d => d.ReturnResult(Utc("06/01/2026 10:00"), ReturnMethod.Counter),
        ["stop"] = d => d.Stop("Dừng", Utc("06/01/2026 09:00")),
        ["withdraw"] = d => d.Withdraw("Rút", Utc("06/01/2026 09:00")),
    };

    private static readonly Dictionary<DossierState, Func<Dossier>> Arrive = new()
    {
        [DossierState.Submitted] = () => Fresh(),
        [DossierState.Guided] = () => With(Fresh(), d => d.AskToComplete("Thiếu", Utc("05/01/2026 09:00"))),
        [DossierState.Refused] = () => With(Fresh(), d => d.Refuse("Sai thẩm quyền", Utc("05/01/2026 09:00"))),
        [DossierState.Received] = () => Received(),
        [DossierState.Processing] = () => With(Received(), d => d.StartProcessing()),
        [DossierState.AwaitingSupplement] = () => With(Received(), d => d.RequestSupplement("Thiếu", Utc("05/01/2026 10:00"), SupplementRule.Restart)),
        [DossierState.AwaitingPayment] = () => With(Received(), d => d.StartProcessing(),
            d => d.RequestPayment(250_000, "Lệ phí", Utc("05/01/2026 10:00"), stopsClock: true)),
        [DossierState.Processed] = () => With(Received(), d => d.Decline("Không đủ điều kiện", Utc("05/01/2026 10:00"))),
        [DossierState.Returned] = () => With(Received(), d => d.Decline("Không", Utc("05/01/2026 10:00")),
            d => d.ReturnResult(Utc("05/01/2026 11:00"), ReturnMethod.Counter)),
        [DossierState.Stopped] = () => With(Received(), d => d.Stop("Dừng", Utc("05/01/2026 10:00"))),
        [DossierState.Withdrawn] = () => With(Received(), d => d.Withdraw("Rút", Utc("05/01/2026 10:00"))),
    };

    public static TheoryData<string, string, bool> Cases()
    {
        var allowed = new Dictionary<DossierState, string[]>
        {
            [DossierState.Received] = ["start", "supplement", "extend", "decline", "stop", "withdraw"],
            [DossierState.Processing] = ["supplement", "payment", "extend", "finish", "decline", "stop", "withdraw"],
            [DossierState.AwaitingSupplement] = ["resume", "decline", "stop", "withdraw"],
            [DossierState.AwaitingPayment] = ["paid", "decline", "stop", "withdraw"],
            [DossierState.Processed] = ["return"],
        };
        var data = new TheoryData<string, string, bool>();
        foreach (var state in Arrive.Keys)
        {
            foreach (var action in Actions.Keys)
            {
                data.Add(state.ToString(), action, allowed.TryGetValue(state, out var ok) && ok.Contains(action));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Action_is_allowed_only_in_its_states(string stateName, string action, bool allowed)
    {
        var state = Enum.Parse<DossierState>(stateName);
        var dossier = Arrive[state]();
        dossier.State.ShouldBe(state);
        var version = dossier.Version;

        if (allowed)
        {
            Actions[action](dossier).ShouldBeNull();
            dossier.Version.ShouldBe(version + 1);
        }
        else
        {
            var broken = Actions[action](dossier).ShouldNotBeNull();
            broken.Code.ShouldBe("illegal-transition");
            broken.TitleKey.ShouldBe("Problem.IllegalTransition");
            broken.TitleArguments.ShouldBe([state]);
            dossier.State.ShouldBe(state);
            dossier.Version.ShouldBe(version);
        }
    }

    [Fact]
    public void Undecided_states_are_exactly_those_that_may_stop()
    {
        foreach (var state in Enum.GetValues<DossierState>())
        {
            Dossier.IsUndecided(state).ShouldBe(state is DossierState.Received or DossierState.Processing
                or DossierState.AwaitingSupplement or DossierState.AwaitingPayment);
        }
    }

    private static Dossier Fresh() => new()
    {
        ProcedureCode = "1.000001",
        ProcedureName = "Đăng ký khai sinh",
        Owner = new Party("Nguyễn Văn An", IdentityDocument.CitizenId, "001090000001", "Hà Nội", null, null),
        TrackingSecret = "ABCDEFGH",
    };

    private static Dossier With(Dossier dossier, params Func<Dossier, RuleBroken?>[] changes)
    {
        foreach (var change in changes)
        {
            change(dossier).ShouldBeNull();
        }

        return dossier;
    }
}
