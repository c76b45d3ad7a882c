"""Platform-free matching for the buddy plugin: random-coffee rounds and newcomer buddies."""
from .buddies import BUSY, HAD_ALL, LANGUAGE, NOBODY, Unmatched, rank_buddies, why_unmatched
from .model import BuddyCandidate, Group, MatchingConfig, Participant, RoundResult, Volunteer, WakingHours
from .rounds import pair_round

__all__ = [
    "BUSY", "HAD_ALL", "LANGUAGE", "NOBODY",
    "BuddyCandidate", "Group", "MatchingConfig", "Participant", "RoundResult", "Volunteer",
    "Unmatched", "WakingHours", "pair_round", "rank_buddies", "why_unmatched",
]
