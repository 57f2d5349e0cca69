using System.Text.RegularExpressions;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers;

/// <summary>A person or organisation as typed at the counter, online or by an integration client.</summary>
internal sealed record PartyInput(string? Name, IdentityDocument? IdType, string? IdNumber, string? Address, string? Phone, string? Email);

/// <summary>One line of the component checklist: what was handed in, and how many of each.</summary>
internal sealed record ComponentInput(string? Name, int Originals, int CertifiedCopies, int Copies);

internal static partial class DossierInput
{
    public const int MaxSets = 50;

    /// <summary>Checks a party; on success returns it cleaned (trimmed, phone normalised to 0xxxxxxxxx).</summary>
    public static Party? Party(FieldErrors errors, string field, PartyInput? input, bool required)
    {
        if (input is null)
        {
            if (required)
            {
                errors.Add(field, "Validation.Required");
            }

            return null;
        }

        var ok = errors.Required(field + ".name", input.Name, 200);
        ok &= errors.Required(field + ".address", input.Address, 300);
        var idType = input.IdType ?? IdentityDocument.CitizenId;
        var id = (input.IdNumber ?? "").Trim().ToUpperInvariant();
        var idOk = idType switch
        {
            // Citizen identity card / personal identification number: 12 digits (Law on Identification 2023, Art. 12).
            IdentityDocument.CitizenId => CitizenId().IsMatch(id),
            IdentityDocument.Passport => Passport().IsMatch(id),
            IdentityDocument.BusinessRegistration => BusinessCode().IsMatch(id),
            IdentityDocument.Other => id.Length is > 0 and <= 30,
        };
        if (!idOk)
        {
            errors.Add(field + ".idNumber", "Dossiers.BadIdNumber." + idType);
            ok = false;
        }

        var phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        if (phone is not null && !Phone().IsMatch(phone))
        {
            errors.Add(field + ".phone", "Dossiers.BadPhone");
            ok = false;
        }

        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is not null && !Identity.RegisterCitizen.IsEmail(email))
        {
            errors.Add(field + ".email", "Dossiers.BadEmail");
            ok = false;
        }

        return ok ? new Party(input.Name!.Trim(), idType, id, input.Address!.Trim(), phone is null ? null : Identity.RegisterCitizen.NormalizePhone(phone), email) : null;
    }

    public static List<DossierComponent> Components(FieldErrors errors, IReadOnlyList<ComponentInput>? inputs)
    {
        var components = new List<DossierComponent>();
        if (inputs is null || inputs.Count == 0)
        {
            errors.Add("components", "Dossiers.NoComponents");
            return components;
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var c = inputs[i];
            var field = $"components[{i}]";
            if (!errors.Required(field + ".name", c.Name, 500))
            {
                continue;
            }

            if (c.Originals is < 0 or > 99 || c.CertifiedCopies is < 0 or > 99 || c.Copies is < 0 or > 99 || c.Originals + c.CertifiedCopies + c.Copies == 0)
            {
                errors.Add(field, "Dossiers.BadCounts");
                continue;
            }

            components.Add(new DossierComponent { Name = c.Name!.Trim(), Originals = c.Originals, CertifiedCopies = c.CertifiedCopies, Copies = c.Copies });
        }

        return components;
    }

    [GeneratedRegex(@"^[0-9]{12}$")]
    private static partial Regex CitizenId();

    [GeneratedRegex(@"^[A-Z][0-9]{7,8}$|^[A-Z]{1,2}[0-9]{6,8}$")]
    private static partial Regex Passport();

    // Enterprise codes are 10 digits (13 with a branch suffix); household businesses carry district-issued numbers.
    [GeneratedRegex(@"^[0-9A-Z\-]{6,20}$")]
    private static partial Regex BusinessCode();

    [GeneratedRegex(@"^(0|\+84)[1-9][0-9]{8,9}$")]
    private static partial Regex Phone();
}
