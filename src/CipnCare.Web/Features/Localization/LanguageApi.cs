using CipnCare.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.Localization;

/// <summary>The language buttons on every page post here: the choice goes in the culture cookie and, for someone signed
/// in, on their account, so emails and their next sign-in on another device use it too.</summary>
public static class LanguageApi
{
    public static IEndpointRouteBuilder MapLanguages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/language", ChooseAsync).ExcludeFromDescription(); // an antiforgery-checked form, not an API
        return app;
    }

    public static async Task<IResult> ChooseAsync(HttpContext context, UserManager<AppUser> users, [FromForm] string? language, [FromForm] string? returnUrl)
    {
        if (!Languages.IsSupported(language))
        {
            return TypedResults.BadRequest();
        }

        var chosen = Languages.Of(language);
        Languages.Remember(context, chosen);
        if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user && user.Language != chosen)
        {
            user.Language = chosen;
            await users.UpdateAsync(user);
        }

        return TypedResults.LocalRedirect(LocalPaths.OrStart(returnUrl));
    }
}
