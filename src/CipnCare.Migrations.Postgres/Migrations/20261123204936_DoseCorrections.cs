using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DoseCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CorrectionReason",
                table: "DoseAdministrations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "DoseAdministrations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SupersededAt",
                table: "DoseAdministrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_DoseAdministrations_CorrectsId",
                table: "DoseAdministrations",
                column: "CorrectsId");

            migrationBuilder.AddForeignKey(
                name: "FK_DoseAdministrations_DoseAdministrations_CorrectsId",
                table: "DoseAdministrations",
                column: "CorrectsId",
                principalTable: "DoseAdministrations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_DoseAdministrations_DoseAdministrations_CorrectsId",
                table: "DoseAdministrations");

            migrationBuilder.DropIndex(
                name: "IX_DoseAdministrations_CorrectsId",
                table: "DoseAdministrations");

            migrationBuilder.DropColumn(
                name: "CorrectionReason",
                table: "DoseAdministrations");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "DoseAdministrations");

            migrationBuilder.DropColumn(
                name: "SupersededAt",
                table: "DoseAdministrations");
        }
    }
}
