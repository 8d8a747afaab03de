using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SpanishTeamWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SpanishCrisisLine",
                table: "CareTeams",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SpanishReviewHours",
                table: "CareTeams",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            // Teams that still tell patients the English defaults get the Spanish for them (issue #20); a team's own
            // words have no Spanish until an admin adds it (Spanish pages show the English meanwhile).
            migrationBuilder.Sql("""
                UPDATE "CareTeams" SET "SpanishCrisisLine" = '988 (Línea de Prevención del Suicidio y Crisis: llame al 988 y marque 2 para español, o envíe AYUDA por mensaje de texto al 988)'
                WHERE "CrisisLine" = '988 (Suicide & Crisis Lifeline, call or text)';
                """);
            migrationBuilder.Sql("""
                UPDATE "CareTeams" SET "SpanishReviewHours" = 'De lunes a viernes, de 8:00 a 18:00'
                WHERE "ReviewHours" = 'Monday to Friday, 8:00 to 18:00';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SpanishCrisisLine",
                table: "CareTeams");

            migrationBuilder.DropColumn(
                name: "SpanishReviewHours",
                table: "CareTeams");
        }
    }
}
