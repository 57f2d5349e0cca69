namespace MotCua.Web.Calendar;

/// <summary>A unit's intake rules that move the start of the count.</summary>
/// <param name="SameDayCutoff">
/// When set, a dossier received strictly after this time on a working day counts from the next
/// working morning ("nhận sau 15 giờ thì tính từ ngày làm việc tiếp theo"); one received exactly
/// at the cut-off still counts from that day.
/// </param>
internal readonly record struct DueOptions(TimeOnly? SameDayCutoff)
{
    public static DueOptions None => default;
}
