using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ResponseGrades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MotorGrade",
                table: "InstrumentResponses",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SensoryGrade",
                table: "InstrumentResponses",
                type: "integer",
                nullable: true);

            // Responses stored before: their grades from their grade scores, truncated as the app reads a score as a grade.
            // One pass over the grade scores, touching only the responses that have them (null where their instrument scores none).
            migrationBuilder.Sql("""
                UPDATE "InstrumentResponses" SET "SensoryGrade" = g."Sensory", "MotorGrade" = g."Motor"
                FROM (SELECT s."ResponseId",
                        CAST(trunc(max(s."Value") FILTER (WHERE s."Code" = 'pro-sensory-grade')) AS integer) AS "Sensory",
                        CAST(trunc(max(s."Value") FILTER (WHERE s."Code" = 'pro-motor-grade')) AS integer) AS "Motor"
                      FROM "ResponseScores" AS s WHERE s."Code" IN ('pro-sensory-grade', 'pro-motor-grade') GROUP BY s."ResponseId") AS g
                WHERE "InstrumentResponses"."Id" = g."ResponseId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MotorGrade",
                table: "InstrumentResponses");

            migrationBuilder.DropColumn(
                name: "SensoryGrade",
                table: "InstrumentResponses");
        }
    }
}
