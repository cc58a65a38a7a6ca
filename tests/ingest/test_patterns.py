"""Relation patterns, each on sentences about a different conflict."""

from __future__ import annotations

from tests.ingest.edge_sets import edges


def test_active_voice_strike_with_demonym_agent(extract):
    found = edges(extract("Ukrainian drones struck an ammunition depot in Belgorod overnight."))
    # an unnamed target is not a node: the strike goes to the named place it stood in
    assert found == {("Ukraine", "STRIKES", "Belgorod")}


def test_passive_voice_backing(extract):
    found = edges(extract("The Sudanese army is backed by Egypt, diplomats in Cairo say."))
    assert ("Egypt", "BACKS", "Sudan") in found


def test_coordinated_backers_give_one_edge_each(extract):
    found = edges(extract("Russia and Iran support the Syrian government."))
    assert {("Russia", "BACKS", "Syria"), ("Iran", "BACKS", "Syria")} <= found


def test_coordinated_modifiers_on_the_agent(extract):
    found = edges(extract("French and American jets bombed Islamic State hideouts near Raqqa."))
    assert ("France", "STRIKES", "Islamic State") in found
    assert ("United States", "STRIKES", "Islamic State") in found


def test_hyphenated_backing_compound(extract):
    found = edges(extract("The Iran-backed Houthis seized the port of Mocha in a night assault."))
    assert ("Iran", "BACKS", "Houthis") in found


def test_single_token_backing_compound(extract):
    found = edges(extract("U.S.-backed Kurdish forces repelled the attack near Manbij."))
    assert ("United States", "BACKS", "Kurdish forces") in found


def test_backed_by_participle(extract):
    found = edges(extract("Mozambican troops, supported by Rwandan soldiers, recaptured Palma."))
    assert ("Rwanda", "BACKS", "Mozambique") in found
    assert ("Mozambique", "CAPTURES", "Palma") in found


def test_nominal_strike_with_target(extract):
    found = edges(extract("A Russian missile strike on Odesa damaged the port on Sunday."))
    assert ("Russia", "STRIKES", "Odesa") in found


def test_light_verb_with_nominal_trigger(extract):
    found = edges(extract("The Nigerian Air Force carried out airstrikes on Boko Haram camps."))
    assert ("Nigeria", "STRIKES", "Boko Haram") in found


def test_support_for_with_possessive_pronoun(extract):
    found = edges(
        extract("Rwanda and Uganda deny their support for the M23 rebels."),
    )
    assert not any(k == "BACKS" for _, k, _ in found)  # denied: not a fact
    found = edges(extract("Belarus and Iran keep up their military support for Russia."))
    assert {("Belarus", "BACKS", "Russia"), ("Iran", "BACKS", "Russia")} <= found


def test_receives_weapons_from(extract):
    found = edges(
        extract("Hezbollah, which receives weapons and money from Iran, fired rockets at Haifa.")
    )
    assert ("Iran", "BACKS", "Hezbollah") in found
    assert ("Hezbollah", "STRIKES", "Haifa") in found


def test_place_fell_to_group(extract):
    found = edges(extract("Kunduz fell to the Taliban after a week of fighting."))
    assert ("Taliban", "CAPTURES", "Kunduz") in found


def test_took_control_of_town(extract):
    found = edges(extract("Fano militiamen took control of the town of Lalibela on Tuesday."))
    assert any(k == "CAPTURES" and t == "Lalibela" for _, k, t in found)


def test_fought_alongside_is_an_alliance_not_a_clash(extract):
    found = edges(extract("Chadian troops fought alongside the Nigerian army against Boko Haram."))
    assert ("Chad", "ALLIED_WITH", "Nigeria") in found
    assert ("Chad", "FIGHTS", "Nigeria") not in found
    assert ("Chad", "BACKS", "Nigeria") not in found  # side by side; no support is told


def test_clash_is_fights(extract):
    found = edges(extract("The Kachin Independence Army clashed with junta troops near Bhamo."))
    assert any(s == "Kachin Independence Army" and k == "FIGHTS" for s, k, _ in found)


def test_capture_needs_a_place(extract):
    found = edges(extract("The RSF took part in the talks in Jeddah."))
    assert not any(k == "CAPTURES" for _, k, _ in found)


def test_relative_position_is_not_the_town(extract):
    found = edges(extract("Al-Shabaab fighters captured two villages on the outskirts of Baidoa."))
    assert not any(t == "Baidoa" for _, k, t in found if k == "CAPTURES")


def test_recipient_before_with(extract):
    found = edges(extract("Turkey has provided the Libyan government with drones and advisers."))
    assert any(s == "Turkey" and k == "BACKS" for s, k, _ in found)


def test_recipient_after_to_wins_over_the_goods(extract):
    found = edges(extract("Belarus supplied thousands of shells to Russia last year."))
    assert ("Belarus", "BACKS", "Russia") in found


def test_reciprocal_clash(extract):
    found = edges(extract("Sudanese troops and RSF fighters clashed near Babanusa on Friday."))
    assert ("Sudan", "FIGHTS", "Rapid Support Forces") in found


def test_quantity_is_looked_through(extract):
    found = edges(extract("The Kachin Independence Army has captured most of Kachin state."))
    assert any(k == "CAPTURES" and t.startswith("Kachin") for _, k, t in found)


def test_members_of_a_group_stand_for_it(extract):
    found = edges(
        extract("Fighters of the Allied Democratic Forces attacked a hospital in Lubero.")
    )
    assert found == {("Allied Democratic Forces", "STRIKES", "Lubero")}


def test_claimed_responsibility_is_the_perpetrator_reporting(extract):
    found = extract("ISWAP claimed responsibility for an attack on a military base in Yobe.")
    assert any(
        s == "Islamic State West Africa Province" and m == "reported" for s, _, _, m in found
    )


def test_exchanged_fire_is_a_clash(extract):
    found = edges(extract("Indian and Pakistani troops exchanged fire along the Line of Control."))
    assert ("India", "FIGHTS", "Pakistan") in found


def test_lost_to(extract):
    found = edges(extract("The army lost the town of Kalay to the People's Defence Force."))
    assert any(k == "CAPTURES" and s == "People's Defence Force" for s, k, _ in found)


def test_fighting_between(extract):
    found = edges(extract("Fighting between Fano and the Ethiopian army spread to Gondar."))
    assert ("Fano", "FIGHTS", "Ethiopia") in found


def test_series_of_strikes(extract):
    found = edges(extract("Russia carried out dozens of strikes on Zaporizhzhia overnight."))
    # GeoNames spells the city "Zaporizhzhya"
    assert any(s == "Russia" and k == "STRIKES" and t.startswith("Zaporizh") for s, k, t in found)


def test_passive_relative_clause(extract):
    found = edges(
        extract("Kataib Hezbollah, which is armed by Iran, attacked a U.S. base in Iraq.")
    )
    assert any(s == "Iran" and k == "BACKS" for s, k, _ in found)


def test_dateline_is_not_the_subject(extract):
    text = "GOMA, Congo (AP) — M23 rebels said on Friday they had captured the town of Masisi."
    found = edges(extract(text))
    assert any(s == "March 23 Movement" and k == "CAPTURES" for s, k, _ in found)


def test_materiel_handed_over(extract):
    found = edges(extract("Poland and Sweden pledged new air defence systems for Ukraine."))
    assert {("Poland", "BACKS", "Ukraine"), ("Sweden", "BACKS", "Ukraine")} <= found


def test_possessive_support_for(extract):
    found = edges(extract("Iran's support for the Houthis has grown since 2015."))
    assert ("Iran", "BACKS", "Houthis") in found


def test_backers_of(extract):
    found = edges(
        extract("Russia and the UAE have been the main backers of Khalifa Haftar's forces.")
    )
    assert ("Russia", "BACKS", "Libyan National Army") in found


def test_clashed_with(extract):
    found = edges(extract("Al-Shabaab fighters clashed with Somali troops near Bulo Burte."))
    assert any(k == "FIGHTS" and t == "Somalia" for _, k, t in found)


def test_a_relation_stated_twice_keeps_both_sentences(extractor):
    from graph.model import Article

    text = "Iran backs the Houthis. Since 2015 Iran has backed the Houthis with drones."
    (rel,) = [r for r in extractor.extract(Article("t", text)).relations if r.kind.value == "BACKS"]
    assert [e.start for e in rel.evidence] == [0, text.index("Since")]


def test_a_package_of_weapons_for_a_state_is_backing(extract):
    found = edges(extract("Berlin approved a new arms shipment for Kyiv on Tuesday."))
    assert ("Germany", "BACKS", "Ukraine") in found


def test_with_support_from_names_backer_and_backed(extract):
    text = "Nigerien troops, with support from French drones, repelled jihadists near Ayorou."
    assert ("France", "BACKS", "Niger") in edges(extract(text))
    text = "Congolese soldiers advanced on Sake with the help of Burundian troops."
    assert ("Burundi", "BACKS", "DR Congo") in edges(extract(text))


def test_a_hyphenated_ethnic_or_political_label_stays_whole(extract):
    found = edges(extract("Pro-Turkish factions shelled Kurdish-held villages near Kobani."))
    assert {s for s, _, _ in found} == {"Pro-Turkish factions"}


def test_killed_in_an_airstrike_strikes_the_victims_side_and_the_place(extract):
    text = "The Pakistani army said it killed a senior TTP commander in an airstrike in Bajaur."
    found = edges(extract(text))
    assert ("Pakistan", "STRIKES", "Tehrik-i-Taliban Pakistan") in found


def test_driving_an_armed_actor_out_of_a_place_captures_it(extract):
    found = edges(extract("Iraqi forces drove Islamic State fighters out of Fallujah in June."))
    assert ("Iraq", "CAPTURES", "Fallujah") in found
    assert not edges(extract("Police forced protesters out of Tahrir Square on Friday."))


def test_received_materiel_named_by_demonyms_backs_the_recipient(extract):
    text = "The Libyan National Army has received Emirati and Egyptian drones, diplomats said."
    found = edges(extract(text))
    assert {("United Arab Emirates", "BACKS", "Libyan National Army"),
            ("Egypt", "BACKS", "Libyan National Army")} <= found  # fmt: skip


def test_the_accused_is_the_agent_of_every_verb_under_of(extract):
    text = "Mali accused Algeria of sending fighters to attack Malian troops near Kidal."
    found = extract(text)
    assert all(s != "Mali" for s, _, _, _ in found), found


def test_a_strike_on_a_citys_suburbs_strikes_the_city(extract):
    found = edges(extract("Saudi jets bombed Sanaa's northern suburbs overnight."))
    assert ("Saudi Arabia", "STRIKES", "Sanaa") in found


def test_a_groups_command_centre_or_depot_stands_for_the_group(extract):
    found = edges(extract("Turkish drones hit a PKK command centre and weapons depots in Sinjar."))
    assert ("Turkey", "STRIKES", "Kurdistan Workers' Party") in found


def test_control_of_most_of_a_region_captures_it(extract):
    found = edges(extract("The Taliban took control of much of Helmand province in 2021."))
    assert ("Taliban", "CAPTURES", "Helmand") in found


def test_strikes_in_a_named_place_strike_the_place(extract):
    found = edges(extract("Russia carried out airstrikes in Idlib province on Saturday."))
    assert ("Russia", "STRIKES", "Idlib province") in found


def test_fighting_alongside_one_side_against_another(extract):
    text = "Wagner fighters fought alongside Malian troops against JNIM near Niono."
    found = edges(extract(text))
    assert ("Wagner Group", "ALLIED_WITH", "Mali") in found
    assert ("Wagner Group", "FIGHTS", "Jama'at Nusrat al-Islam wal-Muslimin") in found


def test_ethnic_forces_are_not_the_state_of_that_name(extract):
    found = edges(extract("Georgian troops shelled ethnic Ossetian forces near Tskhinvali."))
    assert all(t != "Georgia" for _, _, t in found)


def test_a_demonym_backed_force_is_backed_by_that_state(extract):
    found = edges(extract("Turkish-backed Syrian National Army fighters shelled Kobani."))
    assert ("Turkey", "BACKS", "Syrian National Army") in found


def test_a_cartel_or_gang_named_by_its_group_is_the_group(extract):
    found = edges(extract("The Sinaloa cartel ambushed Mexican soldiers in Culiacan."))
    assert ("Sinaloa Cartel", "STRIKES", "Mexico") in found


def test_aid_agencies_and_the_press_back_no_side(extract):
    text = "Ethiopian troops evacuated civilians from Mekelle with the help of UNICEF."
    assert not any(k == "BACKS" for _, k, _ in edges(extract(text)))
