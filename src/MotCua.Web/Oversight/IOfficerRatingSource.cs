namespace MotCua.Web.Oversight;

/// <summary>A citizen's ratings of the officers who served them, counted per officer.</summary>
internal sealed record OfficerRatings(int Satisfied, int Rated);

/// <summary>
/// The hook for the ratings module (issue 18): the ratings citizens gave the dossiers an officer received or handled in [from, to]. Until a
/// module registers one, staff performance shows "no data yet" for ratings rather than a number.
/// </summary>
internal interface IOfficerRatingSource
{
    Task<IReadOnlyDictionary<Guid, OfficerRatings>> MeasureAsync(IReadOnlyCollection<Guid> officers, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
